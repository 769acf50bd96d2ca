import { useCallback, useLayoutEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { Empty } from '../../components/panel-state';
import { PartialNotice } from '../../components/partial-notice';
import { MY_ZONE, zoneOf } from '../../lib/time-format';
import { useCalendarStore } from '../../stores/calendar-store';
import { usePreferencesStore } from '../../stores/preferences-store';
import { useRouterStore } from '../../stores/router-store';
import { useSatellitesStore } from '../../stores/satellites-store';
import { calendarFilterQuery, filterItems, parseCalendarFilter, type CalendarFilter } from './calendar-filter';
import type { CalendarItem } from './calendar-items';
import { CalendarSidebar } from './calendar-sidebar';
import { CalendarToolbar } from './calendar-toolbar';
import { CalendarBody } from './calendar-body';
import { dstMarkers } from './dst-markers';
import { HoverCard } from './hover-card';
import { rangeTitle } from './range-title';
import { useCalendarData } from './use-calendar-data';
import { useCalendarKeys } from './use-calendar-keys';
import { orgNameOf, orgOptions } from './org-options';
import { useOrgNames } from './use-org-names';
import { isCalendarView, stepAnchor, viewRange, type CalendarView } from './view-range';
import { civilOf, isCivilDate } from './zone-clock';
import './calendar.css';

/**
 * The calendar (`#/calendar?view=week&date=2026-11-28&…filters`): every satellite's past runs and future
 * occurrences in one view, in the display zone. Each satellite loads on its own; the notice says who is missing.
 */
export function CalendarScreen({ query }: { readonly segments: ReadonlyArray<string>; readonly query: Readonly<Record<string, string>> }) {
  const renderStarted = performance.now();
  const all = useSatellitesStore((state) => state.satellites);
  const displayZone = usePreferencesStore((state) => state.displayZone);
  const filter = useMemo(() => parseCalendarFilter(query), [query]);
  const hiddenKey = filter.hidden.join(',');
  const shown = useMemo(() => all.filter((satellite) => !hiddenKey.split(',').includes(satellite.id)), [all, hiddenKey]);
  const zone = zoneOf(displayZone, shown[0]?.timeZone);
  const zoneNote = displayZone === 'satellite' ? `Times in ${shown[0]?.name ?? 'the satellite'}'s zone, ${zone}${shown.length > 1 ? ' (the first satellite shown)' : ''}` : displayZone === 'utc' ? 'Times in UTC' : `Times in my zone, ${MY_ZONE}`;
  const view: CalendarView = isCalendarView(query.view) ? query.view : 'week';
  const anchor = isCivilDate(query.date) ? query.date : civilOf(Date.now(), zone);
  const range = useMemo(() => viewRange(view, anchor, zone), [view, anchor, zone]);
  const markers = useMemo(() => dstMarkers(range.days, zone), [range, zone]);
  const { slices, items, capped } = useCalendarData(shown, range.from, range.to);
  const visible = useMemo(() => filterItems(items, filter), [items, filter]);
  const byKey = useMemo(() => new Map(items.map((item) => [item.key, item])), [items]);
  const satellitesById = useMemo(() => new Map(all.map((satellite) => [satellite.id, satellite])), [all]);
  const orgNames = useOrgNames(all);
  const orgs = useMemo(() => orgOptions(items, orgNames), [items, orgNames]);
  const [now] = useState(() => Date.now());

  const go = useCallback((change: Record<string, string | undefined>) => useRouterStore.getState().replaceQuery({ ...query, ...change }), [query]);
  const onView = useCallback((next: CalendarView) => go({ view: next }), [go]);
  const onStep = useCallback((direction: -1 | 1) => go({ date: stepAnchor(view, anchor, direction) }), [go, view, anchor]);
  const onToday = useCallback(() => go({ date: undefined }), [go]);
  const onOpenDay = useCallback((date: string) => go({ view: 'day', date }), [go]);
  const setFilter = (next: CalendarFilter) => go(calendarFilterQuery(next));
  useCalendarKeys(onView, onStep, onToday);

  const [hover, setHover] = useState<{ item: CalendarItem; x: number; y: number } | undefined>();
  const onMouseOver = (event: MouseEvent) => {
    const key = (event.target as HTMLElement).closest<HTMLElement>('[data-key]')?.dataset.key;
    const item = key ? byKey.get(key) : undefined;
    setHover(item ? { item, x: event.clientX, y: event.clientY } : undefined);
  };

  // How long drawing took (render to layout), for the performance target: read from data-render-ms.
  const screen = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    screen.current?.setAttribute('data-render-ms', (performance.now() - renderStarted).toFixed(1));
  });

  const hoverSchedule = hover?.item.scheduleId === undefined ? undefined : slices[hover.item.satelliteId]?.data?.schedules.find((schedule) => schedule.scheduleId === hover.item.scheduleId);
  const lastRun = hover?.item.scheduleId === undefined ? undefined : items.filter((item) => item.kind === 'run' && item.satelliteId === hover.item.satelliteId && item.scheduleId === hover.item.scheduleId && item.start <= Date.now()).reduce<CalendarItem | undefined>((latest, item) => (!latest || item.start > latest.start ? item : latest), undefined);
  const ready = shown.every((satellite) => slices[satellite.id]?.status !== 'loading' || slices[satellite.id]?.data !== undefined);

  return (
    <div className="screen calendar-screen" data-screen="calendar" data-testid="calendar-screen" data-view={view} data-ready={ready} ref={screen}>
      <CalendarToolbar view={view} title={rangeTitle(range)} zoneNote={zoneNote} onView={onView} onStep={onStep} onToday={onToday} />
      <PartialNotice satellites={shown} slices={slices} onRetry={() => useCalendarStore.getState().reload()} />
      {capped.length > 0 && (
        <div className="notice notice--warning" data-testid="calendar-capped">
          {capped.map((satellite) => satellite.name).join(', ')}: more than can be drawn at once in this range; some runs or fires were left out. Pick a shorter view (day or week) to see them all.
        </div>
      )}
      <div className="calendar-screen__main">
        <CalendarSidebar satellites={all} filter={filter} orgs={orgs} onChange={setFilter} />
        <div className="calendar-screen__body" onMouseOver={onMouseOver} onMouseLeave={() => setHover(undefined)}>
          {all.length === 0 ? (
            <Empty title="No satellite yet">Add a satellite to see its calendar.</Empty>
          ) : (
            <CalendarBody view={view} range={range} items={visible} zone={zone} satellites={satellitesById} shown={shown} markers={markers} now={now} onOpenDay={onOpenDay} />
          )}
        </div>
      </div>
      {hover && <HoverCard item={hover.item} schedule={hoverSchedule} lastRun={lastRun} satellite={satellitesById.get(hover.item.satelliteId)} orgName={orgNameOf(orgNames, hover.item.satelliteId, hover.item.orgId)} x={hover.x} y={hover.y} />}
    </div>
  );
}
