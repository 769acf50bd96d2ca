import { describe, expect, it } from 'vitest';
import type { CalendarItem } from './calendar-items';
import { monthCells } from './month-cells';
import { viewRange } from './view-range';

const at = (iso: string) => Date.parse(iso);
const item = (key: string, start: string, minutes: number): CalendarItem => ({ key, satelliteId: 's', kind: 'occurrence', start: at(start), end: at(start) + minutes * 60_000, tailEnd: at(start) + minutes * 60_000, status: 'READY', label: key, bunch: key, locked: false });

describe('month cells', () => {
  it('lists each day its first items by start and counts the rest, and a run into the next day in both', () => {
    const range = viewRange('month', '2026-06-15', 'UTC');
    const june1 = range.days.findIndex((day) => day.date === '2026-06-01');
    const items = [item('c', '2026-06-01T12:00:00Z', 5), item('a', '2026-06-01T01:00:00Z', 5), item('b', '2026-06-01T02:00:00Z', 5), item('late', '2026-06-01T23:30:00Z', 60)];
    const cells = monthCells(range.days, items, 2);
    expect(cells[june1]!.first.map((entry) => entry.key)).toEqual(['a', 'b']);
    expect(cells[june1]!.more).toBe(2);
    expect(cells[june1 + 1]!.first.map((entry) => entry.key)).toEqual(['late']);
    expect(cells[june1 + 2]!.first).toEqual([]);
  });

  it('leaves out what falls outside the days', () => {
    const range = viewRange('month', '2026-06-15', 'UTC');
    const cells = monthCells(range.days, [item('before', '2026-01-01T00:00:00Z', 5), item('after', '2027-01-01T00:00:00Z', 5)], 4);
    expect(cells.every((cell) => cell.first.length === 0 && cell.more === 0)).toBe(true);
  });
});
