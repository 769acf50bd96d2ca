import { describe, expect, it } from 'vitest';
import { overlapColumns } from './overlap-columns';
import { dayClock } from './day-clock';
import { zoneDay } from './zone-clock';

const span = (top: number, bottom: number, name: string) => ({ top, bottom, name });

describe('overlap columns', () => {
  it('puts lone spans full width and overlapping ones side by side', () => {
    const { placed } = overlapColumns([span(0, 60, 'a'), span(30, 90, 'b'), span(120, 180, 'c'), span(60, 100, 'd')], 8);
    const by = Object.fromEntries(placed.map((p) => [p.item.name, [p.column, p.columns]]));
    expect(by).toEqual({ a: [0, 2], b: [1, 2], d: [0, 2], c: [0, 1] });
  });

  it('counts what does not fit instead of dropping it silently', () => {
    const spans = Array.from({ length: 10 }, (_, index) => span(0, 30, `s${index}`));
    const { placed, overflow } = overlapColumns(spans, 4);
    expect(placed).toHaveLength(4);
    expect(overflow).toEqual([{ top: 0, hidden: 6 }]);
  });

  it('lays 5,000 spans out quickly', () => {
    const spans = Array.from({ length: 5000 }, (_, index) => span((index * 7) % 1440, ((index * 7) % 1440) + 15, `s${index}`));
    const started = performance.now();
    overlapColumns(spans, 8);
    expect(performance.now() - started).toBeLessThan(100);
  });
});

describe('day clock', () => {
  it('maps instants to wall minutes, also on a change day', () => {
    const plain = dayClock(zoneDay('2026-06-01', 'Europe/Berlin'), 'Europe/Berlin');
    expect(plain.minuteOf(Date.parse('2026-06-01T10:00:00Z'))).toBe(720);
    const spring = dayClock(zoneDay('2026-03-29', 'Europe/Berlin'), 'Europe/Berlin');
    expect(spring.minuteOf(Date.parse('2026-03-29T00:30:00Z'))).toBe(90);
    expect(spring.minuteOf(Date.parse('2026-03-29T01:30:00Z'))).toBe(210);
    expect(spring.minuteOf(Date.parse('2026-03-28T20:00:00Z'))).toBe(0);
  });
});
