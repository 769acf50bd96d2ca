// nextFireTime checked against slow, obviously-correct enumerations: day rules against Date arithmetic in UTC, and
// the daylight-saving rule minute by minute around real transitions of zones with odd rules.
import { describe, expect, it } from 'vitest';
import { fieldValues } from './cron-field.js';
import type { CronDayRule, CronExpression } from './cron-expression.js';
import { parseCron } from './cron-parse.js';
import { nextFireTimes } from './next-fire.js';
import { timeZoneOffset, wallTimeToInstant } from './time-zone.js';

const DAY = 86_400_000;
const MINUTE = 60_000;

function dayMatches(rule: CronDayRule, date: Date): boolean {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  const day = date.getUTCDate();
  const weekday = date.getUTCDay() + 1;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const weekdayOf = (d: number) => new Date(Date.UTC(year, month, d)).getUTCDay() + 1;
  const nearestWeekday = (d: number) => {
    const w = weekdayOf(d);
    if (w === 7) return d === 1 ? 3 : d - 1;
    if (w === 1) return d === lastDay ? d - 2 : d + 1;
    return d;
  };
  switch (rule.kind) {
    case 'daysOfMonth':
      return fieldValues(rule.days).includes(day);
    case 'lastDayOfMonth': {
      const target = lastDay - rule.offset;
      return target >= 1 && day === (rule.nearestWeekday ? nearestWeekday(target) : target);
    }
    case 'nearestWeekday':
      return rule.day <= lastDay && day === nearestWeekday(rule.day);
    case 'daysOfWeek':
      return fieldValues(rule.weekdays).includes(weekday);
    case 'lastWeekdayOfMonth':
      return weekday === rule.weekday && day + 7 > lastDay;
    case 'nthWeekdayOfMonth':
      return weekday === rule.weekday && Math.ceil(day / 7) === rule.nth;
  }
}

/** Every fire of `cron` in UTC from `start` for `days` days, by walking the calendar day by day. */
function enumerateUtc(cron: CronExpression, start: number, days: number): number[] {
  const times: number[] = [];
  const months = fieldValues(cron.month);
  const years = fieldValues(cron.year);
  for (let d = 0; d < days; d += 1) {
    const date = new Date(start + d * DAY);
    if (!years.includes(date.getUTCFullYear()) || !months.includes(date.getUTCMonth() + 1)) continue;
    if (!dayMatches(cron.day, date)) continue;
    for (const h of fieldValues(cron.hour)) {
      for (const m of fieldValues(cron.minute)) {
        for (const s of fieldValues(cron.second)) times.push(start + d * DAY + ((h * 60 + m) * 60 + s) * 1000);
      }
    }
  }
  return times;
}

describe('day rules against a calendar walk (UTC)', () => {
  const expressions = [
    '0 0 0 1W * ?', '0 0 12 15W * ?', '0 0 0 31W * ?', '0 0 0 LW * ?', '0 0 0 L * ?', '0 0 0 L-1 * ?',
    '0 0 0 L-5W * ?', '0 0 0 L-29 * ?', '0 0 0 29 2 ?', '0 0 0 1/5 * ?', '0 0 0 10-20/3 * ?', '0 0 0 31 * ?',
    '0 0 0 ? * 2#5', '0 0 0 ? * 1#1', '0 0 0 ? * 7#4', '0 0 0 ? * 6L', '0 0 0 ? * 1L', '0 0 0 ? * MON-FRI',
    '0 0 0 ? * SAT,SUN', '0 0 0 ? * */3', '0 0 0 ? * FRI-TUE', '0 0 6,18 ? 2/3 TUE', '30 15 10 LW 2,8 ?',
    '0 0 0 1 1 ? 2028/2', '0 0 0 29 2 ? 2028-2036',
  ];
  const start = Date.UTC(2027, 0, 1);

  it.each(expressions)('%s', (expression) => {
    const cron = parseCron(expression);
    const expected = enumerateUtc(cron, start, 3 * 366).slice(0, 40);
    expect(nextFireTimes(cron, 'UTC', start - 1, expected.length)).toEqual(expected);
  });
});

/** The daylight-saving changes of a zone in a year, found by sampling every hour. */
function transitions(zone: string, year: number): number[] {
  const found: number[] = [];
  let previous = timeZoneOffset(zone, Date.UTC(year, 0, 1));
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 3_600_000) {
    const offset = timeZoneOffset(zone, t);
    if (offset !== previous) found.push(t);
    previous = offset;
  }
  return found;
}

/**
 * The fires the conformance README's rule asks for in [from, to), minute by minute: each matching wall time at
 * its first occurrence (or shifted forward when it does not exist), plus second occurrences for interval-like hours.
 */
function enumerateByRule(cron: CronExpression, zone: string, from: number, to: number): number[] {
  const fires = new Set<number>();
  const hours = fieldValues(cron.hour);
  const minutes = fieldValues(cron.minute);
  const matchesWall = (wall: number) => {
    const date = new Date(wall);
    return (
      hours.includes(date.getUTCHours()) &&
      minutes.includes(date.getUTCMinutes()) &&
      date.getUTCSeconds() === 0 &&
      dayMatches(cron.day, date)
    );
  };
  const firstWall = from + timeZoneOffset(zone, from) - DAY;
  for (let wall = firstWall; wall < to + 2 * DAY; wall += MINUTE) {
    if (matchesWall(wall)) fires.add(wallTimeToInstant(zone, wall));
  }
  for (let t = from; t < to; t += MINUTE) {
    const wall = t + timeZoneOffset(zone, t);
    if (cron.hourIsInterval && matchesWall(wall)) fires.add(t);
  }
  return [...fires].filter((t) => t >= from && t < to).sort((a, b) => a - b);
}

describe('daylight-saving rule against a minute-by-minute walk', () => {
  const expressions = [
    '0 0/15 * * * ?', '0 30 2 * * ?', '0 0 * * * ?', '0 30 1 * * ?', '0 0,30 1-3 * * ?', '0 */20 2 * * ?',
    '0 45 0/2 * * ?', '0 10,50 1,2,3 * * ?', '0 * 2 * * ?', '0 0 0 * * ?', '0 59 1 * * ?', '0 0 3 * * ?',
    '0 15 0 * * ?', '0 0 23 ? * *', '0 5 * ? * SUN',
  ];
  const zones: ReadonlyArray<readonly [string, number]> = [
    ['America/New_York', 2027],
    ['Europe/London', 2027],
    ['Europe/Prague', 2028],
    ['Australia/Lord_Howe', 2027],
    ['America/Sao_Paulo', 2018],
    ['America/Santiago', 2027],
    ['Asia/Tehran', 2021],
    ['America/St_Johns', 2027],
    ['Pacific/Apia', 2011],
  ];
  const cases = zones.flatMap(([zone, year]) =>
    transitions(zone, year).map((at) => ({ zone, at, label: new Date(at).toISOString() })),
  );

  it('finds the transitions it walks around', () => {
    expect(cases.length).toBeGreaterThanOrEqual(2 * zones.length - 1);
  });

  it.each(cases)('$zone around $label', ({ zone, at }) => {
    const from = at - 2 * DAY;
    const to = at + 2 * DAY;
    for (const expression of expressions) {
      const cron = parseCron(expression);
      const expected = enumerateByRule(cron, zone, from, to);
      const actual = nextFireTimes(cron, zone, from - 1, expected.length + 1).filter((t) => t < to);
      expect(actual.map((t) => new Date(t).toISOString()), `${expression} in ${zone}`).toEqual(
        expected.map((t) => new Date(t).toISOString()),
      );
    }
  });
});
