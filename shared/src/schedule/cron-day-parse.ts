import type { CronDayRule } from './cron-expression.js';
import { FIELD_SPECS, parseListField, parseValue } from './cron-field-parse.js';
import { CronSyntaxError } from './cron-syntax-error.js';

const LAST_DAY = /^L(?:-([0-9]+))?(W)?$/;
const NEAREST_WEEKDAY = /^([0-9]+)W$/;
const LAST_WEEKDAY = /^([0-9]+|[A-Z]{3})L$/;
const NTH_WEEKDAY = /^([0-9]+|[A-Z]{3})#([0-9]*)$/;

/**
 * Picks the one rule that decides the days from the parsed day-of-month and day-of-week fields (null for `?`).
 * The fields are parsed on their own first, like Quartz does, so a bad value is reported before the pairing.
 */
export function combineDayRules(byMonthDay: CronDayRule | null, byWeekday: CronDayRule | null): CronDayRule {
  // Quartz: "Support for specifying both a day-of-week AND a day-of-month parameter is not implemented."
  if (byMonthDay !== null && byWeekday !== null) {
    throw new CronSyntaxError(
      'dayOfWeek',
      `must be '?' when the day-of-month is given (a day-of-month and a day-of-week cannot both be specified)`,
    );
  }
  if (byMonthDay !== null) return byMonthDay;
  if (byWeekday !== null) return byWeekday;
  throw new CronSyntaxError(
    'dayOfWeek',
    `'?' cannot be used in both day-of-month and day-of-week: one must give the days`,
  );
}

/** Parses an upper-cased day-of-month field; null for `?`. */
export function parseDayOfMonth(text: string): CronDayRule | null {
  if (text === '?') return null;
  const spec = FIELD_SPECS.dayOfMonth;
  // Quartz rejects 'L' in lists; 'W' in a list or range would be silently misread by Quartz, so it is refused.
  if (text.includes(',') && /[LW]/.test(text)) {
    throw new CronSyntaxError(spec.name, `'L' and 'W' cannot be combined with other days in a list`);
  }
  const last = LAST_DAY.exec(text);
  if (last !== null) {
    const offset = last[1] === undefined ? 0 : Number(last[1]);
    if (offset > 30) throw new CronSyntaxError(spec.name, `the offset from the last day (L-${offset}) must be 0-30`);
    return Object.freeze({ kind: 'lastDayOfMonth', offset, nearestWeekday: last[2] !== undefined });
  }
  const nearest = NEAREST_WEEKDAY.exec(text);
  if (nearest !== null && nearest[1] !== undefined) {
    return Object.freeze({ kind: 'nearestWeekday', day: parseValue(spec, nearest[1]) });
  }
  return Object.freeze({ kind: 'daysOfMonth', days: parseListField(spec, text) });
}

/** Parses an upper-cased day-of-week field; null for `?`. */
export function parseDayOfWeek(text: string): CronDayRule | null {
  if (text === '?') return null;
  const spec = FIELD_SPECS.dayOfWeek;
  if (text.includes(',') && /[L#]/.test(text)) {
    throw new CronSyntaxError(spec.name, `'L' and '#' cannot be combined with other days in a list`);
  }
  const last = LAST_WEEKDAY.exec(text);
  if (last !== null && last[1] !== undefined) {
    return Object.freeze({ kind: 'lastWeekdayOfMonth', weekday: parseValue(spec, last[1]) });
  }
  const nth = NTH_WEEKDAY.exec(text);
  if (nth !== null && nth[1] !== undefined) {
    const weekday = parseValue(spec, nth[1]);
    const n = Number(nth[2]);
    if (nth[2] === '' || n < 1 || n > 5) {
      throw new CronSyntaxError(spec.name, `'#' must be followed by a number 1-5 (the week of the month)`);
    }
    return Object.freeze({ kind: 'nthWeekdayOfMonth', weekday, nth: n });
  }
  // On its own, 'L' in the day-of-week field is Quartz's shorthand for 7 (Saturday).
  return Object.freeze({ kind: 'daysOfWeek', weekdays: parseListField(spec, text === 'L' ? '7' : text) });
}
