import type { ScheduleInfo } from '@taskomatic/shared';
import type { SatelliteSlice } from '../../lib/per-satellite';
import { overdueMs } from './overdue';

/** One row of the schedules list: a schedule with the satellite it lives on. */
export interface ScheduleRow {
  /** Unique across satellites: `<satellite id>:<schedule id>`. */
  readonly key: string;
  readonly satelliteId: string;
  readonly satelliteName: string;
  readonly schedule: ScheduleInfo;
  /** The satellite did not answer the last load: this is its last known data, shown greyed. */
  readonly stale: boolean;
}

/** What the list is narrowed to; kept in the URL so a filtered list can be linked. */
export interface ScheduleFilter {
  /** A satellite id. */
  readonly satellite?: string;
  /** Words to find in the label, bunch, org, cron, its words, the pause reason or the satellite's name. */
  readonly text?: string;
  readonly bunch?: string;
  /** An org name, or SATELLITE_LEVEL for work that belongs to no org. */
  readonly org?: string;
  readonly state?: 'active' | 'paused' | 'overdue';
}

export type ScheduleSort = 'next' | 'label' | 'satellite' | 'bunch';

/** The org filter value of satellite-level schedules. */
export const SATELLITE_LEVEL = '-';

export function rowKey(satelliteId: string, scheduleId: number): string {
  return `${satelliteId}:${scheduleId}`;
}

/** The org a schedule belongs to, in words ("satellite" for satellite-level work). */
export function orgLabel(schedule: Pick<ScheduleInfo, 'org' | 'orgId'>): string {
  if (schedule.orgId === undefined) return 'satellite';
  return schedule.org ?? `org ${schedule.orgId}`;
}

/** Every satellite's schedules as one list, in the order the satellites are given; stale ones flagged. */
export function mergeRows(satellites: ReadonlyArray<{ readonly id: string; readonly name: string }>, slices: Readonly<Record<string, SatelliteSlice<ReadonlyArray<ScheduleInfo>> | undefined>>): ReadonlyArray<ScheduleRow> {
  const rows: ScheduleRow[] = [];
  for (const satellite of satellites) {
    const slice = slices[satellite.id];
    if (!slice?.data) continue;
    const stale = slice.status === 'error';
    for (const schedule of slice.data) rows.push({ key: rowKey(satellite.id, schedule.id), satelliteId: satellite.id, satelliteName: satellite.name, schedule, stale });
  }
  return rows;
}

function haystack(row: ScheduleRow): string {
  const { schedule } = row;
  return [schedule.label, schedule.bunch, orgLabel(schedule), schedule.cron, schedule.cronDescription, schedule.pauseReason, row.satelliteName].filter(Boolean).join('\n').toLowerCase();
}

/** The rows that pass the filter. `satelliteNow` gives a satellite's clock, for the "overdue" state. */
export function filterRows(rows: ReadonlyArray<ScheduleRow>, filter: ScheduleFilter, satelliteNow: (satelliteId: string) => number): ReadonlyArray<ScheduleRow> {
  const words = (filter.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter((row) => {
    const { schedule } = row;
    if (filter.satellite && row.satelliteId !== filter.satellite) return false;
    if (filter.bunch && schedule.bunch !== filter.bunch) return false;
    if (filter.org && (filter.org === SATELLITE_LEVEL ? schedule.orgId !== undefined : schedule.orgId === undefined || orgLabel(schedule) !== filter.org)) return false;
    if (filter.state === 'active' && schedule.paused) return false;
    if (filter.state === 'paused' && !schedule.paused) return false;
    if (filter.state === 'overdue' && overdueMs(schedule, satelliteNow(row.satelliteId)) === undefined) return false;
    if (words.length > 0) {
      const text = haystack(row);
      if (!words.every((word) => text.includes(word))) return false;
    }
    return true;
  });
}

const byText = (a: string, b: string) => a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' });

/** Sorted rows: by next fire (soonest, so overdue, first; those without one last), label, satellite or bunch. */
export function sortRows(rows: ReadonlyArray<ScheduleRow>, sort: ScheduleSort): ReadonlyArray<ScheduleRow> {
  const tie = (a: ScheduleRow, b: ScheduleRow) => byText(a.schedule.label, b.schedule.label) || byText(a.satelliteName, b.satelliteName) || a.schedule.id - b.schedule.id;
  const compare = (a: ScheduleRow, b: ScheduleRow): number => {
    switch (sort) {
      case 'next': {
        const x = a.schedule.nextFireTime?.getTime() ?? Infinity;
        const y = b.schedule.nextFireTime?.getTime() ?? Infinity;
        return x === y ? tie(a, b) : x < y ? -1 : 1;
      }
      case 'label':
        return tie(a, b);
      case 'satellite':
        return byText(a.satelliteName, b.satelliteName) || tie(a, b);
      case 'bunch':
        return byText(a.schedule.bunch, b.schedule.bunch) || tie(a, b);
    }
  };
  return [...rows].sort(compare);
}

/** The bunches and orgs present, for the filter drop-downs. */
export function facets(rows: ReadonlyArray<ScheduleRow>): { readonly bunches: ReadonlyArray<string>; readonly orgs: ReadonlyArray<string> } {
  const bunches = new Set<string>();
  const orgs = new Set<string>();
  for (const { schedule } of rows) {
    bunches.add(schedule.bunch);
    if (schedule.orgId !== undefined) orgs.add(orgLabel(schedule));
  }
  return { bunches: [...bunches].sort(byText), orgs: [...orgs].sort(byText) };
}

const STATES: ReadonlyArray<ScheduleFilter['state']> = ['active', 'paused', 'overdue'];
const SORTS: ReadonlyArray<ScheduleSort> = ['next', 'label', 'satellite', 'bunch'];

/** The filter and sort a route's query holds (`?sat=…&q=…&bunch=…&org=…&state=…&sort=…`). */
export function filterFromQuery(query: Readonly<Record<string, string>>): { readonly filter: ScheduleFilter; readonly sort: ScheduleSort } {
  const state = STATES.find((item) => item === query.state);
  const sort = SORTS.find((item) => item === query.sort) ?? 'next';
  return {
    filter: {
      ...(query.sat ? { satellite: query.sat } : {}),
      ...(query.q ? { text: query.q } : {}),
      ...(query.bunch ? { bunch: query.bunch } : {}),
      ...(query.org ? { org: query.org } : {}),
      ...(state ? { state } : {}),
    },
    sort,
  };
}

/** The query that holds a filter and sort (the default sort is left out). */
export function queryOfFilter(filter: ScheduleFilter, sort: ScheduleSort): Readonly<Record<string, string | undefined>> {
  return { sat: filter.satellite, q: filter.text, bunch: filter.bunch, org: filter.org, state: filter.state, sort: sort === 'next' ? undefined : sort };
}
