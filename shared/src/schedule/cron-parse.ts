import { combineDayRules, parseDayOfMonth, parseDayOfWeek } from './cron-day-parse.js';
import type { CronExpression } from './cron-expression.js';
import { FIELD_SPECS, fullField, parseListField } from './cron-field-parse.js';
import { CronSyntaxError } from './cron-syntax-error.js';

const NOT_A_DAY_FIELD = /\?/;
/** The year field of expressions that leave it out: every year, shared since a parsed field never changes. */
const EVERY_YEAR = fullField(FIELD_SPECS.year);
/**
 * Parsed expressions by text: a server holds many schedules with the same few expressions, and the parsed form is
 * immutable, so they can share one. Bounded: past the limit it starts over.
 */
const parsedByText = new Map<string, CronExpression>();
const MAX_CACHED = 10_000;

/**
 * Parses a Quartz cron expression: `second minute hour day-of-month month day-of-week [year]`.
 *
 * Accepts what Quartz 2.3.2 accepts: `*`, `?`, values, ranges (wrapping ones too, `22-2`), lists, steps (`0/15`,
 * `*\/10`, `10-40/5`), names (JAN-DEC, SUN-SAT, any case), day-of-week 1-7 with 1 = Sunday, `L`, `L-n`, `W`, `LW`,
 * `nL`, `n#k` and years 1970-2099. Exactly one of day-of-month and day-of-week must be `?`.
 * Stricter than Quartz where Quartz would silently misread the text (trailing garbage after a name, `W` or `#` in
 * a list, more than seven fields) and on years (Quartz takes any, up to its current year + 100); also accepts a
 * step after a name range (`MON-FRI/2`), which Quartz ignores.
 * Throws `CronSyntaxError` naming the offending field.
 */
export function parseCron(expression: string): CronExpression {
  const cached = parsedByText.get(expression);
  if (cached !== undefined) return cached;
  const parsed = parseUncached(expression);
  if (parsedByText.size >= MAX_CACHED) parsedByText.clear();
  parsedByText.set(expression, parsed);
  return parsed;
}

function parseUncached(expression: string): CronExpression {
  const trimmed = expression.trim();
  if (trimmed === '') throw new CronSyntaxError('expression', 'the expression is empty');
  const texts = trimmed.toUpperCase().split(/\s+/);
  if (texts.length < 6 || texts.length > 7) {
    throw new CronSyntaxError(
      'expression',
      `expected 6 or 7 fields (second minute hour day-of-month month day-of-week [year]), found ${texts.length}`,
    );
  }
  const [second, minute, hour, dayOfMonth, month, dayOfWeek, year] = texts as [
    string,
    string,
    string,
    string,
    string,
    string,
    string | undefined,
  ];
  const plain = (name: 'second' | 'minute' | 'hour' | 'month' | 'year', text: string) => {
    if (NOT_A_DAY_FIELD.test(text)) {
      throw new CronSyntaxError(name, `'?' is only allowed in the day-of-month and day-of-week fields`);
    }
    return parseListField(FIELD_SPECS[name], text);
  };
  // Parsed in writing order, so that the first bad field is the one reported.
  const secondField = plain('second', second);
  const minuteField = plain('minute', minute);
  const hourField = plain('hour', hour);
  const byMonthDay = parseDayOfMonth(dayOfMonth);
  const monthField = plain('month', month);
  const byWeekday = parseDayOfWeek(dayOfWeek);
  const yearField = year === undefined ? EVERY_YEAR : plain('year', year);
  const parsed: CronExpression = {
    source: expression,
    second: secondField,
    minute: minuteField,
    hour: hourField,
    day: combineDayRules(byMonthDay, byWeekday),
    month: monthField,
    year: yearField,
    hourIsInterval: /[*/]/.test(hour),
  };
  return Object.freeze(parsed);
}
