import type { CronField } from './cron-expression.js';

// Wording helpers for the describe-*.ts files: names, ordinals, lists, and a field's items in words.

const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];
/** Indexed by Quartz day-of-week minus one (1 = Sunday). */
const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
/** For `#n`: "the third Friday". */
export const NTH_WORDS = ['first', 'second', 'third', 'fourth', 'fifth'];

/** 'a', 'a and b', 'a, b and c'. */
export function joinWords(items: ReadonlyArray<string>): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** 1st, 2nd, 3rd, 4th, 11th, 21st ... */
export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

/** Two digits, as on a 24-hour clock. */
export function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** January ... December, for 1-12. */
export function monthName(month: number): string {
  return MONTH_NAMES[month - 1] ?? String(month);
}

/** Sunday ... Saturday, numbered as Quartz does (1 = Sunday). */
export function weekdayName(weekday: number): string {
  return WEEKDAY_NAMES[weekday - 1] ?? String(weekday);
}

/** "1 minute" / "5 minutes". */
export function plural(n: number, unit: string): string {
  return n === 1 ? `${n} ${unit}` : `${n} ${unit}s`;
}

/**
 * The items of a field in words: `5` -> "5", `1-5` -> "1 through 5", `5/15` -> "every 15 <unit>s from 5",
 * `10-40/5` -> "every 5 <unit>s from 10 through 40". `label` formats one value.
 */
export function describeParts(field: CronField, unit: string, label: (value: number) => string): string {
  const items = field.parts.map((part) => {
    const start = part.wildcard ? field.min : part.start;
    const end = part.wildcard ? field.max : part.end;
    if (part.step === 1) return start === end ? label(start) : `${label(start)} through ${label(end)}`;
    const every = `every ${plural(part.step, unit)}`;
    return end === field.max ? `${every} from ${label(start)}` : `${every} from ${label(start)} through ${label(end)}`;
  });
  return joinWords(items);
}
