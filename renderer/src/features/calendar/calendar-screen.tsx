import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Empty } from '../../components/panel-state';
import { PartialNotice } from '../../components/partial-notice';
import { MY_ZONE, zoneOf } from '../../lib/time-format';
import { useCalendarStore } from '../../stores/calendar-store';
import { usePreferencesStore } from '../../stores/preferences-store';
import { useRouterStore } from '../../stores/router-store';
import { useSatellitesStore } from '../../stores/satellites-store';
import { calendarFilterQuery, filterItems, parseCalendarFilter, type CalendarFilter } from './calendar-filter';
import { CalendarSidebar } from './calendar-sidebar';
import { CalendarToolbar } from './calendar-toolbar';
import { CalendarBody } from './calendar-body';
import { dstMarkers } from './dst-markers';
import { HoverLayer } from './hover-layer';
import { derivedOf } from './items-cache';
import { rangeTitle } from './range-title';
import { lookVariables, looksOf, useSteadySatellites } from './satellite-looks';
import { useCalendarData } from './use-calendar-data';
import { useCalendarKeys } from './use-calendar-keys';
import { orgOptions } from './org-options';
import { useOrgNames } from './use-org-names';
import { isCalendarView, stepAnchor, viewRange, type CalendarView } from './view-range';
import { civilOf, isCivilDate } from './zone-clock';
import './calendar.css';

/** Changes the calendar's query, read when called: the callbacks stay the same, and so do the memoised views. */
function go(change: Record<string, string | undefined>): void {
  const router = useRouterStore.getState();
  router.replaceQuery({ ...router.route.query, ...change });
}

/**
 * The calendar (`#/calendar?view=week&date=2026-11-28&…filters`): every satellite's past runs and future
 * occurrences in one view, in the display zone. Each satellite loads on its own; the notice says who is missing.
 * Hover and drag state live below (HoverLayer, DragLayer): this screen renders again only when what is drawn does.
 */
export function CalendarScreen({ query }: { readonly segments: ReadonlyArray<string>; readonly query: Readonly<Record<string, string>> }) {
  const renderStarted = performance.now();
  const all = useSatellitesStore((state) => state.satellites);
  const steady = useSteadySatellites(all);
  const displayZone = usePreferencesStore((state) => state.displayZone);
  const filter = useMemo(() => parseCalendarFilter(query), [query]);
  const hiddenKey = filter.hidden.join(',');
  const shown = useMemo(() => steady.filter((satellite) => !hiddenKey.split(',').includes(satellite.id)), [steady, hiddenKey]);
  const zone = zoneOf(displayZone, shown[0]?.timeZone);
  const zoneNote = displayZone === 'satellite' ? `Times in ${shown[0]?.name ?? 'the satellite'}'s zone, ${zone}${shown.length > 1 ? ' (the first satellite shown)' : ''}` : displayZone === 'utc' ? 'Times in UTC' : `Times in my zone, ${MY_ZONE}`;
  const view: CalendarView = isCalendarView(query.view) ? query.view : 'week';
  const anchor = isCivilDate(query.date) ? query.date : civilOf(Date.now(), zone);
  const range = useMemo(() => viewRange(view, anchor, zone), [view, anchor, zone]);
  const markers = useMemo(() => dstMarkers(range.days, zone), [range, zone]);
  const { slices, items, capped } = useCalendarData(shown, range.from, range.to);
  const filterKey = `${filter.text}|${filter.org}|${filter.statuses.join(',')}`;
  const visible = useMemo(() => derivedOf(items, `filter|${filterKey}`, () => filterItems(items, filter)), [items, filterKey]);
  const looks = useMemo(() => looksOf(steady), [steady]);
  const lookStyles = useMemo(() => lookVariables(looks), [looks]);
  const satellitesById = useMemo(() => new Map(steady.map((satellite) => [satellite.id, satellite])), [steady]);
  const liveById = useMemo(() => new Map(all.map((satellite) => [satellite.id, satellite])), [all]);
  const orgNames = useOrgNames(all);
  const orgs = useMemo(() => orgOptions(items, orgNames), [items, orgNames]);
  const [now] = useState(() => Date.now());

  const onView = useCallback((next: CalendarView) => go({ view: next }), []);
  const onStep = useCallback((direction: -1 | 1) => go({ date: stepAnchor(view, anchor, direction) }), [view, anchor]);
  const onToday = useCallback(() => go({ date: undefined }), []);
  // From the day view, "+N more" opens the agenda of that day: every block of it, in a list.
  // Read through a ref: a handler that changed with the view would redraw the week kept built (calendar-body.tsx).
  const viewNow = useRef(view);
  viewNow.current = view;
  const onOpenDay = useCallback((date: string) => go({ view: viewNow.current === 'day' ? 'agenda' : 'day', date }), []);
  const setFilter = (next: CalendarFilter) => go(calendarFilterQuery(next));
  useCalendarKeys(onView, onStep, onToday);

  // React's part of drawing (render to layout effects), read from data-render-ms; the e2e run times the rest.
  const screen = useRef<HTMLDivElement>(null);
  const body = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    screen.current?.setAttribute('data-render-ms', (performance.now() - renderStarted).toFixed(1));
  });

  const ready = shown.every((satellite) => slices[satellite.id]?.status !== 'loading' || slices[satellite.id]?.data !== undefined);
  const liveShown = all.filter((satellite) => !filter.hidden.includes(satellite.id));

  return (
    <div className="screen calendar-screen" data-screen="calendar" data-testid="calendar-screen" data-view={view} data-ready={ready} ref={screen} style={lookStyles}>
      <CalendarToolbar view={view} title={rangeTitle(range)} zoneNote={zoneNote} onView={onView} onStep={onStep} onToday={onToday} />
      <PartialNotice satellites={liveShown} slices={slices} onRetry={() => useCalendarStore.getState().reload()} />
      {capped.length > 0 && (
        <div className="notice notice--warning" data-testid="calendar-capped">
          {capped.map((satellite) => satellite.name).join(', ')}: more than can be drawn at once in this range; some runs or fires were left out. Pick a shorter view (day or week) to see them all.
        </div>
      )}
      <div className="calendar-screen__main">
        <CalendarSidebar satellites={all} filter={filter} orgs={orgs} onChange={setFilter} />
        <div className="calendar-screen__body" ref={body}>
          {all.length === 0 ? (
            <Empty title="No satellite yet">Add a satellite to see its calendar.</Empty>
          ) : (
            <CalendarBody view={view} range={range} items={visible} allItems={items} zone={zone} looks={looks} satellites={satellitesById} shown={shown} markers={markers} now={now} onOpenDay={onOpenDay} />
          )}
        </div>
      </div>
      <HoverLayer area={body} items={items} slices={slices} satellites={liveById} orgNames={orgNames} />
    </div>
  );
}
