import { fieldIsFull, fieldValues } from './cron-field.js';
import type { CronField } from './cron-expression.js';

// Wording helpers for describe.ts: names, ordinals, lists, and the shape of a field as a person would read it.

export const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];
/** Indexed by Quartz day-of-week minus one (1 = Sunday). */
export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
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

export function monthName(month: number): string {
  return MONTH_NAMES[month - 1] ?? String(month);
}

export function weekdayName(weekday: number): string {
  return WEEKDAY_NAMES[weekday - 1] ?? String(weekday);
}

/** "1 minute" / "5 minutes". */
export function plural(n: number, unit: string): string {
  return n === 1 ? `${n} ${unit}` : `${n} ${unit}s`;
}

/**
 * How a field reads: every value; a regular interval from the field's start (`0/15`, `*\/15`); a plain list of
 * single values; or anything else (ranges, offset steps, mixes), described item by item.
 */
export type FieldShape =
  | { readonly kind: 'every' }
  | { readonly kind: 'interval'; readonly step: number }
  | { readonly kind: 'values'; readonly values: ReadonlyArray<number> }
  | { readonly kind: 'other'; readonly values: ReadonlyArray<number> };

export function fieldShape(field: CronField): FieldShape {
  if (fieldIsFull(field)) return { kind: 'every' };
  const [only] = field.parts;
  if (
    field.parts.length === 1 &&
    only !== undefined &&
    only.step > 1 &&
    only.start === field.min &&
    (only.wildcard || only.end === field.max)
  ) {
    return { kind: 'interval', step: only.step };
  }
  const values = fieldValues(field);
  if (field.parts.every((part) => part.start === part.end)) return { kind: 'values', values };
  return { kind: 'other', values };
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
