import { assertNever } from '../model/status.js';
import { fieldIsFull, fieldValues } from './cron-field.js';
import type { CronExpression, CronField } from './cron-expression.js';
import { NTH_WORDS, describeParts, joinWords, monthName, ordinal, plural, weekdayName } from './describe-words.js';

/** Describes which days, months and years match; empty strings where every one does. */
export interface DatePhrase {
  /** "Monday through Friday", "on the last day of the month"; empty for every day. */
  readonly days: string;
  /** "in March", "January through March"; empty for every month (or when `days` already names the month). */
  readonly months: string;
  /** "in 2028"; empty for every year. */
  readonly years: string;
}

/** Describes the day-of-month or day-of-week rule, the month and the year fields. */
export function describeDate(cron: CronExpression): DatePhrase {
  const singleMonth = fieldValues(cron.month).length === 1 ? fieldValues(cron.month)[0] : undefined;
  const rule = cron.day;
  // "On February 29" reads better than "on the 29th of the month, in February".
  if (rule.kind === 'daysOfMonth' && singleMonth !== undefined) {
    const days = fieldValues(rule.days);
    if (days.length === 1 && days[0] !== undefined) {
      return { days: `on ${monthName(singleMonth)} ${days[0]}`, months: '', years: describeYears(cron.year) };
    }
  }
  return { days: describeDays(cron), months: describeMonths(cron.month), years: describeYears(cron.year) };
}

function describeDays(cron: CronExpression): string {
  const rule = cron.day;
  switch (rule.kind) {
    case 'daysOfMonth':
      return fieldIsFull(rule.days) ? '' : describeMonthDays(rule.days);
    case 'lastDayOfMonth': {
      const day =
        rule.offset === 0
          ? 'the last day'
          : rule.offset === 1
            ? 'the day before the last day'
            : `${plural(rule.offset, 'day')} before the last day`;
      if (rule.nearestWeekday) {
        return rule.offset === 0 ? 'on the last weekday of the month' : `on the weekday nearest ${day} of the month`;
      }
      return rule.offset <= 1 ? `on ${day} of the month` : `${day} of the month`;
    }
    case 'nearestWeekday':
      return `on the weekday nearest the ${ordinal(rule.day)} of the month`;
    case 'daysOfWeek':
      return fieldIsFull(rule.weekdays) ? '' : describeWeekdays(rule.weekdays);
    case 'lastWeekdayOfMonth':
      return `on the last ${weekdayName(rule.weekday)} of the month`;
    case 'nthWeekdayOfMonth':
      return `on the ${NTH_WORDS[rule.nth - 1] ?? ordinal(rule.nth)} ${weekdayName(rule.weekday)} of the month`;
    default:
      return assertNever(rule);
  }
}

function describeMonthDays(days: CronField): string {
  const [only] = days.parts;
  if (days.parts.length === 1 && only !== undefined && only.step > 1) {
    const start = only.wildcard ? 1 : only.start;
    const each = `every ${plural(only.step, 'day')} of the month`;
    if (only.wildcard || only.end === 31) return `${each}, starting on the ${ordinal(start)}`;
    return `${each}, from the ${ordinal(start)} through the ${ordinal(only.end)}`;
  }
  if (days.parts.every((part) => part.start === part.end)) {
    return `on the ${joinWords(fieldValues(days).map(ordinal))} of the month`;
  }
  const items = days.parts.map((part) => {
    const from = `the ${ordinal(part.start)}`;
    if (part.step !== 1) return `every ${plural(part.step, 'day')} from ${from} through the ${ordinal(part.end)}`;
    return part.start === part.end ? from : `${from} through the ${ordinal(part.end)}`;
  });
  return `on ${joinWords(items)} of the month`;
}

function describeWeekdays(weekdays: CronField): string {
  const values = fieldValues(weekdays);
  if (values.length === 1 && values[0] !== undefined) return `every ${weekdayName(values[0])}`;
  if (weekdays.parts.every((part) => part.step === 1 && !part.wildcard)) {
    const text = describeParts(weekdays, 'day', weekdayName);
    return weekdays.parts.length === 1 ? text : `on ${text}`;
  }
  return `on ${joinWords(values.map(weekdayName))}`;
}

function describeMonths(months: CronField): string {
  if (fieldIsFull(months)) return '';
  const [only] = months.parts;
  if (months.parts.length === 1 && only !== undefined && only.step === 1 && only.start !== only.end) {
    return `${monthName(only.start)} through ${monthName(only.end)}`;
  }
  return `in ${joinWords(fieldValues(months).map(monthName))}`;
}

function describeYears(years: CronField): string {
  if (fieldIsFull(years)) return '';
  const text = describeParts(years, 'year', String);
  return years.parts.some((part) => part.step > 1) ? text : `in ${text}`;
}
