import { isRunStatus, RUN_TRIGGERS, type RunInfo, type RunStatus, type RunTrigger } from '@taskomatic/shared';

/** Time windows offered by the filter bar; `custom` reads `from` and `to`. */
export const WINDOWS = ['all', '1h', '24h', '7d', '30d', 'custom'] as const;
export type RunsWindow = (typeof WINDOWS)[number];

const WINDOW_MS: Readonly<Record<Exclude<RunsWindow, 'all' | 'custom'>, number>> = { '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000 };

/** The org filter's value for satellite-level work (no org). */
export const SATELLITE_LEVEL = '-';

/**
 * What run history shows, as kept in the query string (`#/runs?window=24h&status=FAILED,TIMED_OUT&org=demo`) so a
 * link keeps it. Orgs go by name: the same org has a different id on each satellite.
 */
export interface RunsFilter {
  readonly window: RunsWindow;
  readonly from?: Date;
  readonly to?: Date;
  /** Satellite ids; empty: all. */
  readonly satellites: ReadonlyArray<string>;
  readonly task?: string;
  readonly bunch?: string;
  /** A schedule lives on one satellite: choosing it narrows to that satellite. */
  readonly schedule?: { readonly satelliteId: string; readonly scheduleId: number };
  /** An org name, or SATELLITE_LEVEL. */
  readonly org?: string;
  /** Empty: any. */
  readonly statuses: ReadonlyArray<RunStatus>;
  /** Empty: any. Filtered in the app: `runs.list` has no trigger filter. */
  readonly triggers: ReadonlyArray<RunTrigger>;
}

export const NO_FILTER: RunsFilter = { window: 'all', satellites: [], statuses: [], triggers: [] };

function list(text: string | undefined): ReadonlyArray<string> {
  return (text ?? '').split(',').map((item) => item.trim()).filter(Boolean);
}

function instant(text: string | undefined): Date | undefined {
  if (!text) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** The filter a query string means; values it does not understand are dropped, never guessed. */
export function parseRunsFilter(query: Readonly<Record<string, string>>): RunsFilter {
  const window = (WINDOWS as ReadonlyArray<string>).includes(query.window ?? '') ? (query.window as RunsWindow) : 'all';
  const [scheduleSatellite, scheduleId] = (query.schedule ?? '').split(':');
  const schedule = scheduleSatellite && scheduleId && /^\d+$/.test(scheduleId) ? { satelliteId: scheduleSatellite, scheduleId: Number(scheduleId) } : undefined;
  const from = window === 'custom' ? instant(query.from) : undefined;
  const to = window === 'custom' ? instant(query.to) : undefined;
  return {
    window,
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    satellites: list(query.sat),
    ...(query.task ? { task: query.task } : {}),
    ...(query.bunch ? { bunch: query.bunch } : {}),
    ...(schedule ? { schedule } : {}),
    ...(query.org ? { org: query.org } : {}),
    statuses: list(query.status).filter(isRunStatus),
    triggers: list(query.trigger).filter((item): item is RunTrigger => (RUN_TRIGGERS as ReadonlyArray<string>).includes(item)),
  };
}

/** The query string of a filter (only what differs from no filter). */
export function runsFilterQuery(filter: RunsFilter): Readonly<Record<string, string | undefined>> {
  return {
    window: filter.window === 'all' ? undefined : filter.window,
    from: filter.window === 'custom' ? filter.from?.toISOString() : undefined,
    to: filter.window === 'custom' ? filter.to?.toISOString() : undefined,
    sat: filter.satellites.join(',') || undefined,
    task: filter.task,
    bunch: filter.bunch,
    schedule: filter.schedule ? `${filter.schedule.satelliteId}:${filter.schedule.scheduleId}` : undefined,
    org: filter.org,
    status: filter.statuses.join(',') || undefined,
    trigger: filter.triggers.join(',') || undefined,
  };
}

/** A stable text for "is this the same filter" (the store reloads only when it changes). */
export function runsFilterKey(filter: RunsFilter): string {
  return JSON.stringify(runsFilterQuery(filter));
}

/** The satellites a filter asks, in the given order. */
export function satellitesOf(filter: RunsFilter, all: ReadonlyArray<string>): ReadonlyArray<string> {
  if (filter.schedule) return all.filter((id) => id === filter.schedule?.satelliteId);
  return filter.satellites.length === 0 ? all : all.filter((id) => filter.satellites.includes(id));
}

/** The due-time range of a filter at `now`. */
export function windowRange(filter: RunsFilter, now: number): { readonly from?: Date; readonly to?: Date } {
  switch (filter.window) {
    case 'all':
      return {};
    case 'custom':
      return { ...(filter.from ? { from: filter.from } : {}), ...(filter.to ? { to: filter.to } : {}) };
    default:
      return { from: new Date(now - WINDOW_MS[filter.window]) };
  }
}

/** What the app filters itself, after the server's answer. */
export function matchesInApp(filter: RunsFilter, run: RunInfo): boolean {
  return filter.triggers.length === 0 || filter.triggers.includes(run.trigger);
}

/** True when the filter narrows anything. */
export function isFiltered(filter: RunsFilter): boolean {
  return runsFilterKey(filter) !== runsFilterKey(NO_FILTER);
}
