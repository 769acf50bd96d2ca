import { useCallback, useMemo, useState } from 'react';
import { Empty, ErrorState, Loading } from '../../components/panel-state';
import { PartialNotice } from '../../components/partial-notice';
import { useShortcut } from '../../lib/shortcuts';
import { useRouterStore } from '../../stores/router-store';
import { isReachable, useSatellitesStore } from '../../stores/satellites-store';
import { useSchedulesStore } from '../../stores/schedules-store';
import { BulkBar, describeTargets } from './bulk-bar';
import { PauseDialog } from './pause-dialog';
import { ScheduleFilters } from './schedule-filters';
import { facets, filterFromQuery, filterRows, mergeRows, queryOfFilter, sortRows, type ScheduleRow } from './schedule-list';
import { SchedulesTable } from './schedules-table';
import { useNow } from '../../lib/use-now';
import { useScheduleCommands } from './use-schedule-commands';
import { useSchedulesLive } from './use-schedules-live';
import './schedules.css';

/** Screen 3: every satellite's schedules in one list, filtered, with bulk pause, resume and run now. */
export function SchedulesScreen({ query }: { readonly segments: ReadonlyArray<string>; readonly query: Readonly<Record<string, string>> }) {
  const satellites = useSatellitesStore((state) => state.satellites);
  const slices = useSchedulesStore((state) => state.schedules);
  const outcomes = useSchedulesStore((state) => state.outcomes);
  const load = useSchedulesStore((state) => state.load);
  const replaceQuery = useRouterStore((state) => state.replaceQuery);
  const navigate = useRouterStore((state) => state.navigate);
  const now = useNow(30_000);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [cursor, setCursor] = useState(-1);
  useSchedulesLive(satellites);

  const { filter, sort } = filterFromQuery(query);
  const skewOf = useCallback((satelliteId: string) => now + (satellites.find((item) => item.id === satelliteId)?.health?.clockSkewMs ?? 0), [now, satellites]);
  const merged = useMemo(() => mergeRows(satellites, slices), [satellites, slices]);
  const rows = useMemo(() => sortRows(filterRows(merged, filter, skewOf), sort), [merged, JSON.stringify(filter), sort, skewOf]);
  const { bunches, orgs } = useMemo(() => facets(merged), [merged]);
  const chosen = rows.filter((row) => selected.has(row.key));
  const commands = useScheduleCommands(() => setSelected(new Set()));

  const toggle = (key: string) => setSelected((before) => {
    const next = new Set(before);
    if (!next.delete(key)) next.add(key);
    return next;
  });
  const actionsOf = (row: ScheduleRow) => ({
    toggleSelected: () => toggle(row.key),
    pause: () => commands.askPause([row]),
    resume: () => void commands.resume([row]),
    runNow: () => void commands.runNow([row]),
  });
  const editable = (row: ScheduleRow | undefined) => row !== undefined && !row.schedule.locked && !row.stale;
  const newSatellite = (filter.satellite ? satellites.find((item) => item.id === filter.satellite) : undefined) ?? satellites.find(isReachable);

  useShortcut('n', 'New schedule', 'Schedules', useCallback(() => navigate(['schedules', 'new'], { satellite: newSatellite?.id }), [navigate, newSatellite?.id]));
  useShortcut('j', 'Next schedule', 'Schedules', useCallback(() => setCursor((at) => Math.min(rows.length - 1, at + 1)), [rows.length]));
  useShortcut('k', 'Previous schedule', 'Schedules', useCallback(() => setCursor((at) => Math.max(0, at - 1)), []));
  useShortcut('x', 'Select the schedule under the cursor', 'Schedules', useCallback(() => {
    const row = rows[cursor];
    if (row && editable(row)) toggle(row.key);
  }, [rows, cursor]));
  useShortcut('o', 'Open the schedule under the cursor', 'Schedules', useCallback(() => {
    const row = rows[cursor];
    if (row && !row.schedule.locked) navigate(['schedules', row.satelliteId, row.schedule.id]);
  }, [rows, cursor, navigate]), cursor >= 0);

  const anyLoading = satellites.some((satellite) => !slices[satellite.id] || slices[satellite.id]?.status === 'loading');
  const allFailed = satellites.length > 0 && satellites.every((satellite) => slices[satellite.id]?.status === 'error' && !slices[satellite.id]?.data);
  const retry = () => satellites.filter((satellite) => slices[satellite.id]?.status === 'error').forEach((satellite) => void load(satellite.id));

  return (
    <div className="screen schedules-screen" data-screen="schedules" data-loading={anyLoading ? 'true' : 'false'}>
      <header className="screen__header">
        <h1>Schedules</h1>
        <button type="button" className="primary" data-testid="schedule-new" disabled={!newSatellite} onClick={() => navigate(['schedules', 'new'], { satellite: newSatellite?.id })}>
          New schedule
        </button>
      </header>
      {satellites.length === 0 ? (
        <Empty title="No satellite yet">
          <a href="#/satellites">Add a satellite</a> to see its schedules.
        </Empty>
      ) : (
        <>
          <ScheduleFilters filter={filter} satellites={satellites} bunches={bunches} orgs={orgs} onChange={(next) => replaceQuery(queryOfFilter(next, sort))} />
          <PartialNotice satellites={satellites} slices={slices} onRetry={retry} />
          <BulkBar selected={chosen} busy={commands.busy} onPause={() => commands.askPause(chosen)} onResume={() => void commands.resume(chosen)} onRunNow={() => void commands.runNow(chosen)} onClear={() => setSelected(new Set())} />
          {merged.length === 0 && anyLoading ? (
            <Loading what="schedules" />
          ) : allFailed ? (
            <ErrorState title="No satellite answered" message={satellites.map((satellite) => `${satellite.name}: ${slices[satellite.id]?.error?.message ?? 'no answer'}`).join(' · ')} onRetry={retry} />
          ) : merged.length === 0 ? (
            <Empty title="No schedules yet">Create one with New schedule: pick a bunch, its parameters and when it runs.</Empty>
          ) : rows.length === 0 ? (
            <Empty title="No schedule matches these filters">
              <button type="button" className="link-button" onClick={() => replaceQuery(queryOfFilter({}, sort))}>
                Clear filters
              </button>
            </Empty>
          ) : (
            <SchedulesTable
              rows={rows}
              satellites={satellites}
              outcomes={outcomes}
              selected={selected}
              cursor={cursor}
              sort={sort}
              now={now}
              onSort={(next) => replaceQuery(queryOfFilter(filter, next))}
              onSelectAll={(select) => setSelected(select ? new Set(rows.filter(editable).map((row) => row.key)) : new Set())}
              actionsOf={actionsOf}
            />
          )}
          <p className="muted schedules-screen__count">
            {rows.length} of {merged.length} schedules
          </p>
        </>
      )}
      {commands.pausing && commands.pausing.length > 0 && <PauseDialog what={describeTargets(commands.pausing)} onConfirm={commands.confirmPause} onCancel={commands.cancelPause} />}
    </div>
  );
}
