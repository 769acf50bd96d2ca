import type { RunStatus } from '@taskomatic/shared';
import { isRunStatus } from '@taskomatic/shared';
import type { CalendarItem } from './calendar-items';

/** The sidebar's filters, kept in the route's query so a link shows the same calendar. */
export interface CalendarFilter {
  /** Satellites hidden (all shown by default, so a new satellite appears). */
  readonly hidden: ReadonlyArray<string>;
  /** Matches a task or bunch name, or a schedule label. */
  readonly text: string;
  /** An org id, 'satellite' for satellite-level work, or '' for all. */
  readonly org: string;
  readonly statuses: ReadonlyArray<RunStatus>;
}

export function parseCalendarFilter(query: Readonly<Record<string, string>>): CalendarFilter {
  const list = (value: string | undefined) => (value ? value.split(',').filter(Boolean) : []);
  return { hidden: list(query.hide), text: query.q ?? '', org: query.org ?? '', statuses: list(query.status).filter(isRunStatus) };
}

export function calendarFilterQuery(filter: CalendarFilter): Record<string, string | undefined> {
  return {
    hide: filter.hidden.length ? filter.hidden.join(',') : undefined,
    q: filter.text || undefined,
    org: filter.org || undefined,
    status: filter.statuses.length ? filter.statuses.join(',') : undefined,
  };
}

/** The items the filter keeps (satellites are chosen before loading, not here). */
export function filterItems(items: ReadonlyArray<CalendarItem>, filter: CalendarFilter): ReadonlyArray<CalendarItem> {
  const text = filter.text.trim().toLowerCase();
  const statuses = new Set(filter.statuses);
  if (!text && !filter.org && statuses.size === 0) return items;
  return items.filter((item) => {
    if (text && !item.label.toLowerCase().includes(text) && !item.bunch.toLowerCase().includes(text)) return false;
    if (filter.org === 'satellite' && item.orgId !== undefined) return false;
    if (filter.org && filter.org !== 'satellite' && String(item.orgId) !== filter.org) return false;
    if (statuses.size > 0 && !statuses.has(item.status) && !Object.keys(item.band?.byStatus ?? {}).some((status) => statuses.has(status as RunStatus))) return false;
    return true;
  });
}
