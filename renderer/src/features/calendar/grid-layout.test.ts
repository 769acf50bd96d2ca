import { describe, expect, it } from 'vitest';
import type { CalendarItem } from './calendar-items';
import { gridLayout } from './grid-layout';
import { viewRange } from './view-range';

const at = (iso: string) => Date.parse(iso);
const item = (key: string, start: string, minutes: number): CalendarItem => ({ key, satelliteId: 's', kind: 'occurrence', start: at(start), end: at(start) + minutes * 60_000, tailEnd: at(start) + minutes * 90_000, status: 'READY', label: key, bunch: key, locked: false });

describe('grid layout', () => {
  it('places blocks by wall time in the zone and splits one crossing midnight', () => {
    const range = viewRange('week', '2026-06-03', 'UTC');
    const days = gridLayout(range.days, [item('a', '2026-06-01T10:00:00Z', 60), item('b', '2026-06-02T23:30:00Z', 60)], 'UTC');
    expect(days[0]!.blocks[0]).toMatchObject({ top: 600, height: 60, tail: 30, column: 0, columns: 1 });
    expect(days[1]!.blocks[0]).toMatchObject({ top: 1410, height: 30 });
    expect(days[2]!.blocks[0]).toMatchObject({ top: 0, height: 30 });
  });

  it('lays out 5,000 occurrences of a week fast', () => {
    const range = viewRange('week', '2026-06-03', 'Europe/Berlin');
    const items = Array.from({ length: 5000 }, (_, index) => item(`i${index}`, new Date(range.from + index * 120_000).toISOString(), 5));
    const started = performance.now();
    const days = gridLayout(range.days, items, 'Europe/Berlin');
    const took = performance.now() - started;
    // Eight overlap at any time (15-minute minimum height, one every 2 min): six drawn, the rest counted.
    expect(days.reduce((sum, day) => sum + day.blocks.length + day.overflow.reduce((hidden, group) => hidden + group.hidden, 0), 0)).toBeGreaterThanOrEqual(5000);
    expect(took).toBeLessThan(150);
  });
});

describe('bands in the grid', () => {
  const band = (key: string, first: string, last: string, everySeconds: number, count: number): CalendarItem => ({ ...item(key, first, 1), kind: 'band', end: at(last) + 60_000, tailEnd: at(last) + 60_000, band: { count, everySeconds, last: at(last) } });

  it('draws a band as a strip of its own, never as an overlap column', () => {
    const range = viewRange('day', '2026-06-01', 'UTC');
    const [day] = gridLayout(range.days, [band('every-2', '2026-06-01T00:00:00Z', '2026-06-01T23:58:00Z', 120, 720), item('a', '2026-06-01T10:00:00Z', 60)], 'UTC');
    expect(day!.blocks).toHaveLength(1);
    expect(day!.blocks[0]).toMatchObject({ column: 0, columns: 1 });
    expect(day!.overflow).toEqual([]);
    expect(day!.bands).toHaveLength(1);
    expect(day!.bands[0]).toMatchObject({ top: 0, lane: 0, count: 720 });
  });

  it('counts the fires of each day of a band spanning the week', () => {
    const range = viewRange('week', '2026-06-03', 'UTC');
    const days = gridLayout(range.days, [band('every-5', '2026-06-02T12:00:00Z', '2026-06-04T11:55:00Z', 300, 576)], 'UTC');
    expect(days.map((day) => day.bands[0]?.count ?? 0)).toEqual([0, 144, 288, 144, 0, 0, 0]);
  });
});
