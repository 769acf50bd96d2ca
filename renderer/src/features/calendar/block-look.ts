import { STATUS_LOOK } from '../../lib/status';
import type { CalendarItem } from './calendar-items';

/** The class list of a block: outcome colour for past runs, an outline for the future, grey when locked. */
export function blockClass(item: CalendarItem): string {
  const base = `calendar-block calendar-block--${item.kind}`;
  if (item.locked && item.orgId === undefined) return `${base} calendar-block--locked`;
  if (item.kind === 'occurrence' || (item.kind === 'band' && !item.band?.byStatus)) return `${base} calendar-block--future`;
  return `${base} ${STATUS_LOOK[item.status].className}`;
}

/** The block's words: status icon (never colour alone) and label. */
export function blockTitle(item: CalendarItem): string {
  const icon = item.kind === 'occurrence' ? '◷' : STATUS_LOOK[item.status].icon;
  return `${item.locked && item.orgId === undefined ? '🔒 ' : ''}${icon} ${item.label}`;
}

/** Where a click goes: the run, or the schedule; locked satellite-level work opens nothing. */
export function blockHref(item: CalendarItem): string | undefined {
  if (item.locked && item.orgId === undefined) return undefined;
  if (item.kind === 'run' && item.bunchRunId !== undefined) return `#/runs/${encodeURIComponent(item.satelliteId)}/${item.bunchRunId}`;
  if (item.scheduleId !== undefined) return `#/schedules/${encodeURIComponent(item.satelliteId)}/${item.scheduleId}`;
  return undefined;
}
