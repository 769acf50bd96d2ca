import { describe, expect, it } from 'vitest';
import { monthStep, stepAnchor, viewRange } from './view-range';

describe('view ranges', () => {
  it('gives a week from Monday to Sunday in the zone', () => {
    const range = viewRange('week', '2026-11-28', 'Europe/Berlin');
    expect(range.days.map((day) => day.date)).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29']);
    expect(new Date(range.from).toISOString()).toBe('2026-11-22T23:00:00.000Z');
    expect(new Date(range.to).toISOString()).toBe('2026-11-29T23:00:00.000Z');
  });

  it('keeps a week across a clock change one hour shorter', () => {
    const range = viewRange('week', '2026-03-29', 'Europe/Berlin');
    expect((range.to - range.from) / 3_600_000).toBe(7 * 24 - 1);
  });

  it('covers a month with whole weeks', () => {
    const range = viewRange('month', '2026-02-14', 'UTC');
    expect(range.days[0]!.date).toBe('2026-01-26');
    expect(range.days[range.days.length - 1]!.date).toBe('2026-03-01');
    expect(range.days.length % 7).toBe(0);
  });

  it('steps by the view', () => {
    expect(stepAnchor('day', '2026-12-31', 1)).toBe('2027-01-01');
    expect(stepAnchor('week', '2026-12-31', -1)).toBe('2026-12-24');
    expect(stepAnchor('month', '2026-01-31', 1)).toBe('2026-02-28');
    expect(monthStep('2026-01-15', -1)).toBe('2025-12-15');
  });
});
