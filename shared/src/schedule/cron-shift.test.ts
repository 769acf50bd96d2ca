import { describe, expect, it } from 'vitest';
import { HOUR_MS, MINUTE_MS, wallFields } from './calendar.js';
import { renderFieldValues } from './cron-field-render.js';
import { parseCron } from './cron-parse.js';
import { shiftCron } from './cron-shift.js';
import { occurrences } from './occurrences.js';
import { timeZoneOffset } from './time-zone.js';

const shifted = (cron: string, minutes: number) => shiftCron(cron, minutes * MINUTE_MS);

describe('shiftCron', () => {
  it('moves a daily time, carrying minutes into the hour', () => {
    expect(shifted('0 30 2 * * ?', 45)).toEqual({ ok: true, cron: '0 15 3 * * ?' });
    expect(shifted('0 30 2 * * ?', -150)).toEqual({ ok: true, cron: '0 0 0 * * ?' });
  });

  it('keeps a minute step and the interval hour', () => {
    expect(shifted('0 0/15 * * * ?', 5)).toEqual({ ok: true, cron: '0 5/15 * * * ?' });
    expect(shifted('0 0/15 * * * ?', 20)).toEqual({ ok: true, cron: '0 5/15 * * * ?' });
    expect(shifted('0 0 0/2 * * ?', 60)).toEqual({ ok: true, cron: '0 0 1/2 * * ?' });
  });

  it('shifts hour lists and ranges, wrapping past midnight on daily crons', () => {
    expect(shifted('0 0 8-17 ? * MON-FRI', 120)).toEqual({ ok: true, cron: '0 0 10-19 ? * MON-FRI' });
    expect(shifted('0 0 6,12,18 * * ?', 360)).toEqual({ ok: true, cron: '0 0 0,12,18 * * ?' });
  });

  it('moves the weekdays of a weekly cron across midnight', () => {
    expect(shifted('0 30 23 ? * MON-FRI', 60)).toEqual({ ok: true, cron: '0 30 0 ? * TUE-SAT' });
    expect(shifted('0 0 1 ? * SUN', -120)).toEqual({ ok: true, cron: '0 0 23 ? * SAT' });
    expect(shifted('0 0 12 ? * MON', 2 * 24 * 60)).toEqual({ ok: true, cron: '0 0 12 ? * WED' });
  });

  it('moves days of the month that stay inside every month', () => {
    expect(shifted('0 0 23 5,20 * ?', 120)).toEqual({ ok: true, cron: '0 0 1 6,21 * ?' });
  });

  it('says why a shift cannot be written as a cron', () => {
    expect(shifted('0 0 23 31 * ?', 120)).toEqual({
      ok: false,
      reason: 'the shift crosses midnight for a monthly schedule on day 31',
    });
    expect(shifted('0 0,50 2,3 * * ?', 15)).toMatchObject({ ok: false, reason: expect.stringMatching(/irregular minutes/) });
    expect(shifted('0 0 22-23 ? * MON', 90)).toMatchObject({ ok: false, reason: expect.stringMatching(/some fires past midnight/) });
    expect(shifted('0 0 23 L * ?', 120)).toMatchObject({ ok: false, reason: expect.stringMatching(/'L' cannot move/) });
    expect(shifted('0 0 23 ? JAN MON', 120)).toMatchObject({ ok: false, reason: expect.stringMatching(/some months/) });
    expect(shifted('0 0 9 * * ?', 0.5)).toEqual({ ok: false, reason: 'only whole minutes can be shifted' });
  });

  it('refuses to turn interval hours into a fixed list (their daylight-saving rules differ)', () => {
    expect(shifted('0 0 0/5 * * ?', 240)).toMatchObject({ ok: false, reason: expect.stringMatching(/interval/) });
  });
});

describe('renderFieldValues', () => {
  it('writes the shortest usual form', () => {
    expect(renderFieldValues([0, 15, 30, 45], { min: 0, max: 59, allowStep: true })).toBe('0/15');
    expect(renderFieldValues([10, 20, 30], { min: 0, max: 59, allowStep: true })).toBe('10-30/10');
    expect(renderFieldValues([1, 2, 3, 7, 8], { min: 0, max: 23, allowStep: false })).toBe('1-3,7,8');
    expect(renderFieldValues([1, 7], { min: 1, max: 7, allowStep: true, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] })).toBe('SUN,SAT');
  });
});

// Property: for random shifts that shiftCron accepts, the new cron fires at the old fires + delta on the wall
// clock. Days with a daylight-saving change are left out on both sides: there the rule (skipped times fire late,
// repeated times once) depends on the time itself, so a shifted cron legitimately differs.
describe('shiftCron property: new fires = old fires + delta (wall clock)', () => {
  let seed = 20270115;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const pick = <T>(items: ReadonlyArray<T>): T => items[random(items.length)] as T;
  const minuteTexts = ['0', '30', '7', '0/15', '5/20', '10-40/10', '0,30', '45'];
  const hourTexts = ['*', '2', '23', '0/2', '8-17', '6,12,18', '1/6', '22'];
  const dayTexts = ['* * ?', '? * MON-FRI', '? * SUN', '? * 2,4,6', '5,20 * ?', '1-7 * ?', '15 * ?', '? * *'];
  const deltas = [5, -5, 45, -45, 60, 90, -120, 150, 24 * 60, -24 * 60, 7 * 60, 23 * 60, 3 * 24 * 60];
  const from = Date.parse('2027-01-01T00:00:00Z');
  const to = Date.parse('2028-06-01T00:00:00Z');

  for (const zone of ['UTC', 'Europe/Berlin']) {
    it(`holds in ${zone}`, () => {
      let accepted = 0;
      for (let i = 0; i < 120; i += 1) {
        const cron = `0 ${pick(minuteTexts)} ${pick(hourTexts)} ${pick(dayTexts)}`;
        const delta = pick(deltas) * MINUTE_MS;
        const result = shiftCron(cron, delta);
        if (!result.ok) continue;
        accepted += 1;
        const walls = (text: string, offsetMs: number) =>
          occurrences(parseCron(text), zone, from + offsetMs, to + offsetMs, 2000)
            .times.map((t) => t + timeZoneOffset(zone, t))
            .filter((w) => !changeDays(zone).has(dayOf(w)) && !changeDays(zone).has(dayOf(w - delta)));
        const expected = walls(cron, 0).map((w) => w + delta);
        const actual = walls(result.cron, delta);
        // The windows' edges differ by the offset change over the year: compare the common stretch.
        const n = Math.min(50, expected.length);
        const start = actual.indexOf(expected[0] ?? NaN);
        expect(start, `${cron} + ${delta / MINUTE_MS} min -> ${result.cron}`).toBeGreaterThanOrEqual(0);
        expect(actual.slice(start, start + n), `${cron} + ${delta / MINUTE_MS} min -> ${result.cron}`).toEqual(expected.slice(0, n));
      }
      expect(accepted).toBeGreaterThan(40);
    });
  }
});

const dayOf = (wall: number) => {
  const f = wallFields(wall);
  return `${f.year}-${f.month}-${f.day}`;
};

/** Wall dates (and the day after) on which the zone's offset changes, 2026-2028. */
const changeDaysByZone = new Map<string, ReadonlySet<string>>();
function changeDays(zone: string): ReadonlySet<string> {
  const known = changeDaysByZone.get(zone);
  if (known !== undefined) return known;
  const days = new Set<string>();
  for (let t = Date.parse('2026-12-01T00:00:00Z'); t < Date.parse('2028-08-01T00:00:00Z'); t += HOUR_MS) {
    if (timeZoneOffset(zone, t) !== timeZoneOffset(zone, t + HOUR_MS)) {
      for (const d of [-1, 0, 1]) days.add(dayOf(t + d * 24 * HOUR_MS + timeZoneOffset(zone, t)));
    }
  }
  changeDaysByZone.set(zone, days);
  return days;
}
