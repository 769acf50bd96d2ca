import { describe, expect, it } from 'vitest';
import { parseCron } from './cron-parse.js';
import { occurrences } from './occurrences.js';

const at = (text: string) => Date.parse(text);

describe('occurrences', () => {
  const quarterHours = parseCron('0 0/15 * * * ?');

  it('lists the fire times of [from, to): from inclusive, to exclusive', () => {
    const result = occurrences(quarterHours, 'UTC', at('2027-01-15T10:00:00Z'), at('2027-01-15T11:00:00Z'), 100);
    expect(result.capped).toBe(false);
    expect(result.times.map((t) => new Date(t).toISOString())).toEqual([
      '2027-01-15T10:00:00.000Z',
      '2027-01-15T10:15:00.000Z',
      '2027-01-15T10:30:00.000Z',
      '2027-01-15T10:45:00.000Z',
    ]);
  });

  it('adjacent windows neither share nor miss a fire', () => {
    const start = at('2027-10-30T00:00:00Z');
    const middle = at('2027-10-31T01:00:00Z');
    const end = at('2027-11-01T00:00:00Z');
    const between = (from: number, to: number) => occurrences(quarterHours, 'Europe/Prague', from, to, 1000);
    const a = between(start, middle);
    const b = between(middle, end);
    const whole = between(start, end);
    expect([...a.times, ...b.times]).toEqual(whole.times);
    // 48 hours of real time over the fall-back night: the repeated hour fires twice, so the rhythm holds.
    expect(whole.times).toHaveLength(48 * 4);
  });

  it('stops at the cap and says so', () => {
    const everySecond = parseCron('* * * * * ?');
    const result = occurrences(everySecond, 'UTC', at('2027-01-15T00:00:00Z'), at('2027-01-16T00:00:00Z'), 10);
    expect(result.times).toHaveLength(10);
    expect(result.capped).toBe(true);
  });

  it('is not capped when the window holds exactly `cap` fires', () => {
    const result = occurrences(quarterHours, 'UTC', at('2027-01-15T10:00:00Z'), at('2027-01-15T11:00:00Z'), 4);
    expect(result).toEqual({ times: expect.any(Array), capped: false });
    expect(result.times).toHaveLength(4);
  });

  it('a cap of 0 only tells whether there is any fire', () => {
    expect(occurrences(quarterHours, 'UTC', at('2027-01-15T10:00:00Z'), at('2027-01-15T11:00:00Z'), 0)).toEqual({
      times: [],
      capped: true,
    });
    expect(occurrences(quarterHours, 'UTC', at('2027-01-15T10:01:00Z'), at('2027-01-15T10:02:00Z'), 0)).toEqual({
      times: [],
      capped: false,
    });
  });

  it('is empty for an empty or reversed window and for expressions that ended', () => {
    const from = at('2027-01-15T10:00:00Z');
    expect(occurrences(quarterHours, 'UTC', from, from, 10)).toEqual({ times: [], capped: false });
    expect(occurrences(quarterHours, 'UTC', from, from - 1000, 10)).toEqual({ times: [], capped: false });
    expect(occurrences(parseCron('0 0 12 * * ? 2020'), 'UTC', from, from + 86_400_000, 10)).toEqual({
      times: [],
      capped: false,
    });
  });
});
