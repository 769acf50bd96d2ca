import { assertNever } from '../model/status.js';
import { daysInMonth, quartzWeekday } from './calendar.js';
import { nextFieldValue } from './cron-field.js';
import type { CronDayRule } from './cron-expression.js';

/** First day >= `fromDay` of the month (1-12) of `year` that the rule matches, or -1 when none is left. */
export function nextMatchingDay(rule: CronDayRule, year: number, month: number, fromDay: number): number {
  const lastDay = daysInMonth(year, month);
  let day: number;
  switch (rule.kind) {
    case 'daysOfMonth':
      day = nextFieldValue(rule.days, fromDay);
      return day !== -1 && day <= lastDay ? day : -1;
    case 'lastDayOfMonth':
      day = lastDay - rule.offset;
      // `L-30` in a short month names a day before the 1st: nothing fires that month.
      if (day < 1) return -1;
      if (rule.nearestWeekday) day = nearestWeekday(year, month, day, lastDay);
      return day >= fromDay ? day : -1;
    case 'nearestWeekday':
      // Like a plain day-of-month, `31W` matches nothing in a month without a 31st.
      if (rule.day > lastDay) return -1;
      day = nearestWeekday(year, month, rule.day, lastDay);
      return day >= fromDay ? day : -1;
    case 'daysOfWeek':
      return nextWeekdayInSet(rule, year, month, fromDay, lastDay);
    case 'lastWeekdayOfMonth':
      day = lastDay - ((quartzWeekday(year, month, lastDay) - rule.weekday + 7) % 7);
      return day >= fromDay ? day : -1;
    case 'nthWeekdayOfMonth':
      day = 1 + ((rule.weekday - quartzWeekday(year, month, 1) + 7) % 7) + 7 * (rule.nth - 1);
      return day >= fromDay && day <= lastDay ? day : -1;
    default:
      return assertNever(rule);
  }
}

/**
 * The weekday (Monday-Friday) nearest to `day`, staying inside the month as Quartz does: a Saturday 1st moves
 * forward to Monday the 3rd, a Sunday last day moves back to Friday.
 */
function nearestWeekday(year: number, month: number, day: number, lastDay: number): number {
  const weekday = quartzWeekday(year, month, day);
  if (weekday === 7) return day === 1 ? day + 2 : day - 1;
  if (weekday === 1) return day === lastDay ? day - 2 : day + 1;
  return day;
}

function nextWeekdayInSet(
  rule: Extract<CronDayRule, { kind: 'daysOfWeek' }>,
  year: number,
  month: number,
  fromDay: number,
  lastDay: number,
): number {
  if (fromDay > lastDay) return -1;
  const weekday = quartzWeekday(year, month, fromDay);
  // Look at most a week ahead: the first weekday in the set at or after today's, wrapping past Saturday.
  let next = nextFieldValue(rule.weekdays, weekday);
  if (next === -1) next = nextFieldValue(rule.weekdays, 1) + 7;
  const day = fromDay + next - weekday;
  return day <= lastDay ? day : -1;
}
