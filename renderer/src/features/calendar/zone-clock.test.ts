import { describe, expect, it } from 'vitest';
import { addDays, civilOf, instantOf, offsetMinutes, weekdayOf, zoneDay } from './zone-clock';

describe('zone clock', () => {
  it('reads offsets in and out of summer time', () => {
    expect(offsetMinutes(Date.parse('2026-01-15T12:00:00Z'), 'Europe/Berlin')).toBe(60);
    expect(offsetMinutes(Date.parse('2026-07-15T12:00:00Z'), 'Europe/Berlin')).toBe(120);
    expect(offsetMinutes(Date.parse('2026-07-15T12:00:00Z'), 'UTC')).toBe(0);
    expect(offsetMinutes(Date.parse('2026-07-15T12:00:00Z'), 'Asia/Kolkata')).toBe(330);
  });

  it('counts civil dates in the zone', () => {
    expect(civilOf(Date.parse('2026-03-28T23:30:00Z'), 'Europe/Berlin')).toBe('2026-03-29');
    expect(civilOf(Date.parse('2026-03-28T23:30:00Z'), 'UTC')).toBe('2026-03-28');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(weekdayOf('2026-11-30')).toBe(0);
    expect(weekdayOf('2026-11-29')).toBe(6);
  });

  it('finds the instant of a civil time, shifting the gap forward', () => {
    expect(new Date(instantOf('2026-03-29', 60, 'Europe/Berlin')).toISOString()).toBe('2026-03-29T00:00:00.000Z');
    // 02:30 does not exist on that day in Berlin: it is 03:30 summer time.
    expect(new Date(instantOf('2026-03-29', 150, 'Europe/Berlin')).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    // 02:30 happens twice in October: the first one.
    expect(new Date(instantOf('2026-10-25', 150, 'Europe/Berlin')).toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('gives days of 23 and 25 hours on change days', () => {
    const spring = zoneDay('2026-03-29', 'Europe/Berlin');
    expect((spring.end - spring.start) / 3_600_000).toBe(23);
    const autumn = zoneDay('2026-10-25', 'Europe/Berlin');
    expect((autumn.end - autumn.start) / 3_600_000).toBe(25);
    const plain = zoneDay('2026-06-01', 'America/New_York');
    expect(new Date(plain.start).toISOString()).toBe('2026-06-01T04:00:00.000Z');
  });
});
