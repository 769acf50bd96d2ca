import { STATUS_LOOK } from '../../lib/status';
import { bandSummary } from './band-summary';
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
  return `${blockIcon(item)} ${item.label}`;
}

/** The icon alone (with the lock of locked work): what a block too narrow for its label still shows. */
export function blockIcon(item: CalendarItem): string {
  const icon = item.kind === 'occurrence' ? '◷' : STATUS_LOOK[item.status].icon;
  return `${item.locked && item.orgId === undefined ? '🔒 ' : ''}${icon}`;
}

/**
 * How much a block says beside its satellite's glyph: nothing more, its icon, its label too, or also a band's
 * summary ("every 5 min · 288 fires").
 */
export type BlockWords = 'glyph' | 'icon' | 'label' | 'summary';

/** True when the words may not fit and are clipped: only such blocks pay for a clip (calendar.css). */
export function hasLabel(words: BlockWords): boolean {
  return words === 'label' || words === 'summary';
}

/**
 * The text a block draws, and "(moved)" after a moved fire's label. Text is most of what a block costs to lay
 * out: a block too narrow to show a letter of its label draws its satellite's glyph and its icon, or the glyph
 * alone (the words are in its accessible name and its hover card). These narrow blocks, the many, carry the glyph
 * in their one text node; a block with a label draws the glyph in its satellite's colour before it (calendar.css),
 * a pseudo-element costing about as much as the block itself.
 */
export function blockText(item: CalendarItem, words: BlockWords, glyph: string): string {
  if (words === 'glyph') return glyph;
  if (words === 'icon') return `${glyph} ${blockIcon(item)}`;
  const summary = words === 'summary' && item.band ? ` · ${bandSummary(item.band)}` : '';
  return `${blockTitle(item)}${summary}${item.movedFrom !== undefined ? ' (moved)' : ''}`;
}

/** Where a click goes: the run, or the schedule; locked satellite-level work opens nothing. */
export function blockHref(item: CalendarItem): string | undefined {
  if (item.locked && item.orgId === undefined) return undefined;
  if (item.kind === 'run' && item.bunchRunId !== undefined) return `#/runs/${encodeURIComponent(item.satelliteId)}/${item.bunchRunId}`;
  if (item.scheduleId !== undefined) return `#/schedules/${encodeURIComponent(item.satelliteId)}/${item.scheduleId}`;
  return undefined;
}
