import { buildCronField } from './cron-field.js';
import type { CronField, CronFieldName, CronFieldPart } from './cron-expression.js';
import { CRON_MAX_YEAR, CRON_MIN_YEAR } from './cron-expression.js';
import { CronSyntaxError } from './cron-syntax-error.js';

/** The range, names and largest step of one field (Quartz's limits: a step may not exceed them). */
export interface FieldSpec {
  readonly name: CronFieldName;
  readonly min: number;
  readonly max: number;
  readonly maxStep: number;
  /** Three-letter names, the first one standing for `min`. */
  readonly names?: ReadonlyArray<string>;
  /** Appended to out-of-range errors where the numbering is not obvious. */
  readonly hint?: string;
}

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** The fields of a Quartz cron expression, in the order they are written. */
export const FIELD_SPECS: Readonly<Record<CronFieldName, FieldSpec>> = Object.freeze({
  second: { name: 'second', min: 0, max: 59, maxStep: 59 },
  minute: { name: 'minute', min: 0, max: 59, maxStep: 59 },
  hour: { name: 'hour', min: 0, max: 23, maxStep: 23 },
  dayOfMonth: { name: 'dayOfMonth', min: 1, max: 31, maxStep: 31 },
  month: { name: 'month', min: 1, max: 12, maxStep: 12, names: MONTH_NAMES },
  dayOfWeek: {
    name: 'dayOfWeek',
    min: 1,
    max: 7,
    maxStep: 7,
    names: WEEKDAY_NAMES,
    hint: ' (1 = Sunday, 7 = Saturday)',
  },
  year: { name: 'year', min: CRON_MIN_YEAR, max: CRON_MAX_YEAR, maxStep: CRON_MAX_YEAR - CRON_MIN_YEAR },
});

// `*`, `a`, `a-b`, each optionally followed by `/step`; a bare `/step` is Quartz's shorthand for `*/step`.
const PART_PATTERN = /^(?:(\*)|([A-Z0-9]+)(?:-([A-Z0-9]+))?)?(?:\/([0-9]*))?$/;

/** Parses a plain list field (values, ranges, steps, names) of an upper-cased field text. */
export function parseListField(spec: FieldSpec, text: string): CronField {
  const items = text.split(',');
  const parts = items.map((item) => {
    if (item === '') throw new CronSyntaxError(spec.name, `empty item in the list '${text}'`);
    return parsePart(spec, item);
  });
  return buildCronField(spec.min, spec.max, parts);
}

/** The whole range of a field, as if written `*`. */
export function fullField(spec: FieldSpec): CronField {
  const everything = Object.freeze({ start: spec.min, end: spec.max, step: 1, wildcard: true });
  return buildCronField(spec.min, spec.max, [everything]);
}

function parsePart(spec: FieldSpec, item: string): CronFieldPart {
  const match = PART_PATTERN.exec(item);
  if (match === null) throw new CronSyntaxError(spec.name, unexpectedItem(spec, item));
  const [, star, first, last, stepText] = match;
  const step = stepText === undefined ? 1 : parseStep(spec, stepText);
  if (first === undefined) {
    if (star === undefined && stepText === undefined) throw new CronSyntaxError(spec.name, unexpectedItem(spec, item));
    return Object.freeze({ start: spec.min, end: spec.max, step, wildcard: true });
  }
  const start = parseValue(spec, first);
  // `a/n` runs from a to the end of the field; `a` alone is a single value.
  const end = last !== undefined ? parseValue(spec, last) : stepText !== undefined ? spec.max : start;
  if (end < start && spec.name === 'year') {
    throw new CronSyntaxError(spec.name, `the range ${start}-${end} runs backwards (years cannot wrap around)`);
  }
  return Object.freeze({ start, end, step, wildcard: false });
}

function parseStep(spec: FieldSpec, text: string): number {
  if (text === '') throw new CronSyntaxError(spec.name, `'/' must be followed by a step, e.g. */5`);
  const step = Number(text);
  if (step < 1 || step > spec.maxStep) {
    throw new CronSyntaxError(spec.name, `step ${step} is out of range 1-${spec.maxStep}`);
  }
  return step;
}

/** A number or, in the month and day-of-week fields, a three-letter name; checked against the field's range. */
export function parseValue(spec: FieldSpec, text: string): number {
  let value: number;
  if (/^[0-9]+$/.test(text)) {
    value = Number(text);
  } else {
    const index = spec.names?.indexOf(text) ?? -1;
    if (index < 0) {
      const misplaced = misplacedSpecial(spec, text);
      if (misplaced !== null) throw new CronSyntaxError(spec.name, misplaced);
      const names = spec.names;
      const expected = names ? `a number or a name ${names[0]}-${names[names.length - 1]}` : 'a number';
      throw new CronSyntaxError(spec.name, `'${text}' is not ${expected}`);
    }
    value = spec.min + index;
  }
  if (value < spec.min || value > spec.max) {
    throw new CronSyntaxError(spec.name, `${value} is out of range ${spec.min}-${spec.max}${spec.hint ?? ''}`);
  }
  return value;
}

function unexpectedItem(spec: FieldSpec, item: string): string {
  if (item.includes('?')) return `'?' must stand alone, and only in the day-of-month or day-of-week field`;
  return misplacedSpecial(spec, item) ?? `'${item}' is not a value, a range (a-b), a step (a/n or */n) or '*'`;
}

// Quartz's special characters used where they mean nothing, or in a form the day parsers did not take.
function misplacedSpecial(spec: FieldSpec, text: string): string | null {
  const dayField = spec.name === 'dayOfMonth' || spec.name === 'dayOfWeek';
  if (text.includes('#')) {
    return spec.name === 'dayOfWeek'
      ? `'#' needs a single weekday before it and a number 1-5 after it, e.g. 6#3`
      : `'#' is only allowed in the day-of-week field`;
  }
  if (!dayField && /[0-9]L|^L/.test(text)) return `'L' is only allowed in the day-of-month and day-of-week fields`;
  if (spec.name === 'dayOfMonth' && text.includes('W')) {
    return `'W' needs a single day before it (e.g. 15W) or 'L' (LW), and cannot be part of a list or range`;
  }
  if (spec.name === 'dayOfMonth' && text.includes('L')) {
    return `'L' must be written as L, L-n, LW or L-nW, and cannot be part of a list or range`;
  }
  if (spec.name === 'dayOfWeek' && text.endsWith('L')) {
    return `'L' needs a single weekday before it (e.g. 6L) or stands alone, and cannot be part of a list or range`;
  }
  if (!dayField && /[0-9]W$/.test(text)) return `'W' is only allowed in the day-of-month field`;
  return null;
}
