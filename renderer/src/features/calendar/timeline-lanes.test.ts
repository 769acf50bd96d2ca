import { describe, expect, it } from 'vitest';
import type { CalendarItem } from './calendar-items';
import { LANE_ROWS, timelineLanes } from './timeline-lanes';

const from = Date.parse('2026-06-01T00:00:00Z');
const to = from + 86_400_000;
const item = (key: string, satelliteId: string, minute: number, minutes: number): CalendarItem => ({ key, satelliteId, kind: 'occurrence', start: from + minute * 60_000, end: from + (minute + minutes) * 60_000, tailEnd: from + (minute + minutes) * 60_000, status: 'READY', label: key, bunch: key, locked: false });

describe('timeline lanes', () => {
  it('gives each satellite its lane, its items in the first row free at their start', () => {
    const lanes = timelineLanes(['a', 'b'], [item('a2', 'a', 30, 60), item('a1', 'a', 0, 60), item('b1', 'b', 0, 10), item('a3', 'a', 120, 10)], from, to);
    expect(lanes.map((lane) => lane.satelliteId)).toEqual(['a', 'b']);
    expect(lanes[0]!.placed.map(({ item: placed, row }) => [placed.key, row])).toEqual([['a1', 0], ['a2', 1], ['a3', 0]]);
    expect(lanes[1]!.placed.map(({ item: placed }) => placed.key)).toEqual(['b1']);
  });

  it('counts what does not fit in the rows, and keeps a short item drawn 1 % wide from taking the row back too soon', () => {
    // A minute-long item is drawn 14.4 minutes wide: the next, 5 minutes later, needs another row.
    const items = Array.from({ length: LANE_ROWS + 3 }, (_, index) => item(`i${index}`, 'a', index * 5, 1));
    const [lane] = timelineLanes(['a'], items, from, to);
    expect(lane!.placed.length + lane!.hidden).toBe(items.length);
    expect(lane!.placed.map(({ row }) => row)).toEqual([0, 1, 2, 0, 1, 2, 0, 1, 2]);
  });
});
