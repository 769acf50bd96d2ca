import { describe, expect, it } from 'vitest';
import { OVERDUE_GRACE_MS, formatOverdue, overdueMs } from './overdue';

const at = (iso: string) => new Date(iso);
const NOW = at('2026-11-28T12:00:00Z').getTime();

describe('overdueMs', () => {
  it('is undefined for a fire still to come or only a moment past', () => {
    expect(overdueMs({ nextFireTime: at('2026-11-28T12:05:00Z'), paused: false, ended: false }, NOW)).toBeUndefined();
    expect(overdueMs({ nextFireTime: new Date(NOW - OVERDUE_GRACE_MS), paused: false, ended: false }, NOW)).toBeUndefined();
  });

  it('measures how late a past fire is', () => {
    expect(overdueMs({ nextFireTime: at('2026-11-28T10:00:00Z'), paused: false, ended: false }, NOW)).toBe(2 * 3600_000);
  });

  it('never calls a paused, ended or fireless schedule overdue', () => {
    const past = at('2026-11-27T00:00:00Z');
    expect(overdueMs({ nextFireTime: past, paused: true, ended: false }, NOW)).toBeUndefined();
    expect(overdueMs({ nextFireTime: past, paused: false, ended: true }, NOW)).toBeUndefined();
    expect(overdueMs({ paused: false, ended: false }, NOW)).toBeUndefined();
  });

  it('uses the satellite clock it is given (a satellite running behind is not late)', () => {
    const fire = { nextFireTime: at('2026-11-28T11:58:00Z'), paused: false, ended: false };
    expect(overdueMs(fire, NOW)).toBe(120_000);
    expect(overdueMs(fire, NOW - 60_000)).toBeUndefined();
  });
});

describe('formatOverdue', () => {
  it('says it in the largest unit that fits, rounded down', () => {
    expect(formatOverdue(95_000)).toBe('overdue by 1 min');
    expect(formatOverdue(59 * 60_000)).toBe('overdue by 59 min');
    expect(formatOverdue(2 * 3600_000)).toBe('overdue by 2 h');
    expect(formatOverdue(2 * 3600_000 + 59 * 60_000)).toBe('overdue by 2 h 59 min');
    expect(formatOverdue(7 * 3600_000 + 59 * 60_000)).toBe('overdue by 7 h');
    expect(formatOverdue(47 * 3600_000)).toBe('overdue by 47 h');
    expect(formatOverdue(3 * 86_400_000 + 1)).toBe('overdue by 3 d');
  });
});
