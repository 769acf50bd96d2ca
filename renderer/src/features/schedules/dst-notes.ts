import { nextFireTime, offsetSpanAt, type CronExpression } from '@taskomatic/shared/schedule';

/**
 * A daylight-saving change that touches a cron's wall-clock times, found with the same schedule code the server
 * fires with (the conformance README's rule: a skipped time fires once, shifted forward by the gap; a repeated
 * time fires at its first occurrence, and at the second too for interval-like hours).
 */
export interface DstNote {
  readonly kind: 'gap' | 'repeat';
  /** The instant the clocks change. */
  readonly at: number;
  /** The first wall time of the cron in the skipped or repeated stretch (wall milliseconds, read as UTC). */
  readonly wall: number;
  /** Length of the gap or repeat. */
  readonly shiftMs: number;
  /** A repeat: the cron fires in both passes (its hour field is `*` or `/`). */
  readonly twice: boolean;
}

/** The first wall time at or after `from` (wall ms) that the cron names, whatever the zone: the wall clock as UTC. */
function firstWall(cron: CronExpression, from: number): number | null {
  return nextFireTime(cron, 'UTC', from - 1);
}

/** The offset changes of `zone` in [from, to): each with the offsets before and after. */
export function offsetChanges(zone: string, from: number, to: number): ReadonlyArray<{ readonly at: number; readonly before: number; readonly after: number }> {
  const changes: Array<{ at: number; before: number; after: number }> = [];
  let cursor = from;
  // Spans end at a change or at a cache boundary; a year holds a few dozen of them at most.
  for (let guard = 0; guard < 1000 && cursor < to; guard++) {
    const span = offsetSpanAt(zone, cursor);
    if (!Number.isFinite(span.end) || span.end >= to) break;
    const next = offsetSpanAt(zone, span.end);
    if (next.start === span.end && next.previousOffset !== next.offset) changes.push({ at: span.end, before: next.previousOffset, after: next.offset });
    cursor = span.end;
  }
  return changes;
}

/** The daylight-saving changes in [from, to) that shift or repeat one of the cron's times in `zone`. */
export function dstNotes(cron: CronExpression, zone: string, from: number, to: number): ReadonlyArray<DstNote> {
  const notes: DstNote[] = [];
  for (const change of offsetChanges(zone, from, to)) {
    // Clocks forward: wall times [at + before, at + after) never show. Back: [at + after, at + before) show twice.
    const start = change.at + Math.min(change.before, change.after);
    const end = change.at + Math.max(change.before, change.after);
    const wall = firstWall(cron, start);
    if (wall === null || wall >= end) continue;
    const gap = change.after > change.before;
    notes.push({ kind: gap ? 'gap' : 'repeat', at: change.at, wall, shiftMs: end - start, twice: !gap && cron.hourIsInterval });
  }
  return notes;
}

const wallFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const timeFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** The note in words: "On 29 Mar 2026, 02:30 does not exist in Europe/Prague (clocks go forward 1 h): it fires at 03:30." */
export function describeDstNote(note: DstNote, zone: string): string {
  const day = wallFormat.format(note.wall).replace(/,? \d{2}:\d{2}$/, '');
  const time = timeFormat.format(note.wall);
  const shift = note.shiftMs % 3_600_000 === 0 ? `${note.shiftMs / 3_600_000} h` : `${Math.round(note.shiftMs / 60_000)} min`;
  if (note.kind === 'gap') return `On ${day}, ${time} does not exist in ${zone} (clocks go forward ${shift}): it fires at ${timeFormat.format(note.wall + note.shiftMs)} instead.`;
  return note.twice
    ? `On ${day}, ${time} happens twice in ${zone} (clocks go back ${shift}): it fires in both passes, keeping its rhythm.`
    : `On ${day}, ${time} happens twice in ${zone} (clocks go back ${shift}): it fires once, at the first ${time}.`;
}
