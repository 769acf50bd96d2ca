import type { SatelliteView } from '@taskomatic/shared/ipc';
import type { SatelliteSlice } from '../../lib/per-satellite';
import { STATUS_LOOK, type DisplayStatus } from '../../lib/status';
import { formatDuration } from '../../lib/time-format';
import { bunchRuns, failedRuns, missedRuns, overdueSchedules, SKEW_WARN_MS, type BunchRunSummary, type FleetData } from './fleet-facts';
import { isRunningLong } from './run-durations';

/** Why something is on the "needs attention" list, most urgent first. */
export type AttentionKind = 'satellite' | 'failed' | 'long-running' | 'overdue' | 'missed';

const RANK: Readonly<Record<AttentionKind, number>> = { satellite: 0, failed: 1, 'long-running': 2, overdue: 3, missed: 4 };

/** One line of the list: what, where, when, and what to open. */
export interface AttentionItem {
  readonly key: string;
  readonly satelliteId: string;
  readonly kind: AttentionKind;
  /** The run status it is about (none for a satellite's own problem). */
  readonly status?: DisplayStatus;
  /** A schedule's label, a bunch's name, or the satellite's problem. */
  readonly title: string;
  readonly detail: string;
  /** When it happened (the latest run, the missed fire time, the last answer). */
  readonly at?: Date;
  /** The run to open, the latest one for a group. */
  readonly bunchRunId?: number;
  readonly scheduleId?: number;
  /** Drawn from data the satellite gave before it stopped answering. */
  readonly stale: boolean;
}

/** One satellite as the list reads it. */
export interface AttentionSource {
  readonly satellite: SatelliteView;
  readonly slice?: SatelliteSlice<FleetData>;
}

/** Everything that needs a look across the fleet at `nowMs` (this computer's clock), most urgent and newest first. */
export function needsAttention(sources: ReadonlyArray<AttentionSource>, nowMs: number): ReadonlyArray<AttentionItem> {
  const items = sources.flatMap((source) => [...satelliteItems(source.satellite), ...runItems(source, nowMs)]);
  return items.sort((a, b) => RANK[a.kind] - RANK[b.kind] || (b.at?.getTime() ?? 0) - (a.at?.getTime() ?? 0) || a.key.localeCompare(b.key));
}

function satelliteItems(satellite: SatelliteView): AttentionItem[] {
  const item = (problem: string, title: string, detail: string, at?: Date): AttentionItem => ({ key: `${satellite.id}:satellite:${problem}`, satelliteId: satellite.id, kind: 'satellite', title, detail, at, stale: false });
  switch (satellite.status) {
    case 'expired':
      return [item('expired', 'Session expired', 'Log in again to see this satellite', satellite.lastSeen)];
    case 'untrusted':
      return [item('untrusted', 'Certificate not trusted', satellite.statusReason ?? 'The server presents a certificate other than the trusted one', satellite.lastSeen)];
    case 'offline':
      return [item('offline', 'Offline', satellite.statusReason ?? 'Not answering', satellite.lastSeen)];
    case 'connecting':
    case 'connected':
    case 'slow':
      break;
  }
  const health = satellite.health;
  if (!health) return [];
  const found: AttentionItem[] = [];
  if (!health.schedulerRunning) found.push(item('scheduler', 'Scheduler stopped', 'Nothing fires until it runs again', health.clock));
  if (!health.databaseOk) found.push(item('database', 'Database not answering', 'Runs cannot be recorded', health.clock));
  if (Math.abs(health.clockSkewMs) > SKEW_WARN_MS) found.push(item('skew', 'Clock skew', skewWords(health.clockSkewMs), health.clock));
  return found;
}

/** "12 s ahead of this computer" / "3 min behind this computer". */
export function skewWords(skewMs: number): string {
  return `${formatDuration(Math.abs(skewMs))} ${skewMs >= 0 ? 'ahead of' : 'behind'} this computer`;
}

function runItems({ satellite, slice }: AttentionSource, nowMs: number): AttentionItem[] {
  const data = slice?.data;
  if (!data) return [];
  const stale = slice.status === 'error' || !['connected', 'slow', 'connecting'].includes(satellite.status);
  const serverNow = nowMs + (satellite.health?.clockSkewMs ?? 0);
  const base = { satelliteId: satellite.id, stale };
  const items: AttentionItem[] = [];
  const about = (run: BunchRunSummary) => ({ ...base, title: run.label ?? run.bunch, at: run.dueTime, bunchRunId: run.bunchRunId, scheduleId: run.scheduleId });
  for (const group of groupBySchedule(failedRuns(data))) {
    const latest = group[0] as BunchRunSummary;
    const times = `${group.length === 1 ? 'once' : `${group.length} times`} in 24 h${data.problemsCapped ? ' or more' : ''}`;
    const detail = `Failed ${times} (last: ${STATUS_LOOK[latest.status].label.toLowerCase()})`;
    items.push({ ...about(latest), key: `${satellite.id}:failed:${groupKey(latest)}`, kind: 'failed', status: latest.status, detail });
  }
  for (const run of bunchRuns(data.running)) {
    const usual = run.scheduleId === undefined ? undefined : data.medianMs[run.scheduleId];
    if (!run.startTime || !isRunningLong(run.startTime.getTime(), serverNow, usual)) continue;
    const detail = `Running for ${formatDuration(serverNow - run.startTime.getTime())}, usually ${formatDuration(usual ?? 0)}`;
    items.push({ ...about(run), key: `${satellite.id}:long:${run.bunchRunId}`, kind: 'long-running', status: 'RUNNING', detail, at: run.startTime });
  }
  for (const schedule of overdueSchedules(data.schedules, serverNow)) {
    const late = formatDuration(serverNow - (schedule.nextFireTime?.getTime() ?? serverNow));
    items.push({ ...base, key: `${satellite.id}:overdue:${schedule.id}`, kind: 'overdue', status: 'OVERDUE', title: schedule.label, detail: `Overdue by ${late}: its fire time passed without a run`, at: schedule.nextFireTime, scheduleId: schedule.id });
  }
  for (const group of groupBySchedule(missedRuns(data))) {
    const latest = group[0] as BunchRunSummary;
    const fires = group.reduce((sum, run) => sum + run.fireCount, 0);
    const detail = `Missed ${fires === 1 ? 'a fire' : `${fires} fires`} in 24 h (the server was down when due)`;
    items.push({ ...about(latest), key: `${satellite.id}:missed:${groupKey(latest)}`, kind: 'missed', status: 'MISSED', detail });
  }
  return items;
}

function groupKey(run: BunchRunSummary): string {
  return run.scheduleId !== undefined ? `s${run.scheduleId}` : `b${run.bunch}`;
}

/** Runs grouped by schedule (or bunch, for runs of no schedule), each group newest first. */
function groupBySchedule(runs: ReadonlyArray<BunchRunSummary>): ReadonlyArray<ReadonlyArray<BunchRunSummary>> {
  const groups = new Map<string, BunchRunSummary[]>();
  for (const run of runs) groups.set(groupKey(run), [...(groups.get(groupKey(run)) ?? []), run]);
  return [...groups.values()].map((group) => [...group].sort((a, b) => b.dueTime.getTime() - a.dueTime.getTime()));
}
