import { describe, expect, it } from 'vitest';
import { fieldValues } from './cron-field.js';
import type { CronErrorField } from './cron-expression.js';
import { parseCron } from './cron-parse.js';
import { CronSyntaxError } from './cron-syntax-error.js';
import { validateCron } from './validate-cron.js';

function syntaxError(expression: string): CronSyntaxError {
  try {
    parseCron(expression);
  } catch (error) {
    if (error instanceof CronSyntaxError) return error;
    throw error;
  }
  throw new Error(`expected '${expression}' to be rejected`);
}

describe('parseCron', () => {
  it('keeps the source text and reads each field', () => {
    const cron = parseCron('0 15 10 ? * MON-FRI');
    expect(cron.source).toBe('0 15 10 ? * MON-FRI');
    expect(fieldValues(cron.second)).toEqual([0]);
    expect(fieldValues(cron.minute)).toEqual([15]);
    expect(fieldValues(cron.hour)).toEqual([10]);
    expect(cron.day.kind).toBe('daysOfWeek');
    if (cron.day.kind === 'daysOfWeek') expect(fieldValues(cron.day.weekdays)).toEqual([2, 3, 4, 5, 6]);
    expect(fieldValues(cron.month)).toHaveLength(12);
    expect(fieldValues(cron.year)).toHaveLength(130);
  });

  it('is immutable', () => {
    const cron = parseCron('0 0/15 * * * ?');
    expect(Object.isFrozen(cron)).toBe(true);
    expect(Object.isFrozen(cron.minute)).toBe(true);
    expect(Object.isFrozen(cron.minute.words)).toBe(true);
    expect(Object.isFrozen(cron.minute.parts[0])).toBe(true);
  });

  it('reads steps, ranges, lists and steps that start past the range', () => {
    expect(fieldValues(parseCron('0/15 * * * * ?').second)).toEqual([0, 15, 30, 45]);
    expect(fieldValues(parseCron('*/20 * * * * ?').second)).toEqual([0, 20, 40]);
    expect(fieldValues(parseCron('/20 * * * * ?').second)).toEqual([0, 20, 40]);
    expect(fieldValues(parseCron('0 10-40/5 * * * ?').minute)).toEqual([10, 15, 20, 25, 30, 35, 40]);
    expect(fieldValues(parseCron('0 5/15 * * * ?').minute)).toEqual([5, 20, 35, 50]);
    expect(fieldValues(parseCron('0 50/15 * * * ?').minute)).toEqual([50]);
    expect(fieldValues(parseCron('0 10-20/30 * * * ?').minute)).toEqual([10]);
    expect(fieldValues(parseCron('0 0 0 1 7/6 ?').month)).toEqual([7]);
    expect(fieldValues(parseCron('0 1,2,3,5-7 * * * ?').minute)).toEqual([1, 2, 3, 5, 6, 7]);
  });

  it('reads ranges that wrap around', () => {
    expect(fieldValues(parseCron('0 0 22-2 * * ?').hour)).toEqual([0, 1, 2, 22, 23]);
    expect(fieldValues(parseCron('0 0 0 1 NOV-FEB ?').month)).toEqual([1, 2, 11, 12]);
    const cron = parseCron('0 0 0 ? * FRI-MON');
    if (cron.day.kind !== 'daysOfWeek') throw new Error(cron.day.kind);
    expect(fieldValues(cron.day.weekdays)).toEqual([1, 2, 6, 7]);
  });

  it('reads month and weekday names in any case', () => {
    expect(fieldValues(parseCron('0 0 0 1 jan,Jul,DEC ?').month)).toEqual([1, 7, 12]);
    const cron = parseCron('0 0 0 ? * sun,Wed,SAT');
    if (cron.day.kind !== 'daysOfWeek') throw new Error(cron.day.kind);
    expect(fieldValues(cron.day.weekdays)).toEqual([1, 4, 7]);
  });

  it('reads the day rules', () => {
    expect(parseCron('0 0 0 L * ?').day).toEqual({ kind: 'lastDayOfMonth', offset: 0, nearestWeekday: false });
    expect(parseCron('0 0 0 L-2 * ?').day).toEqual({ kind: 'lastDayOfMonth', offset: 2, nearestWeekday: false });
    expect(parseCron('0 0 0 LW * ?').day).toEqual({ kind: 'lastDayOfMonth', offset: 0, nearestWeekday: true });
    expect(parseCron('0 0 0 L-3W * ?').day).toEqual({ kind: 'lastDayOfMonth', offset: 3, nearestWeekday: true });
    expect(parseCron('0 0 0 15W * ?').day).toEqual({ kind: 'nearestWeekday', day: 15 });
    expect(parseCron('0 0 0 ? * 6L').day).toEqual({ kind: 'lastWeekdayOfMonth', weekday: 6 });
    expect(parseCron('0 0 0 ? * FRIL').day).toEqual({ kind: 'lastWeekdayOfMonth', weekday: 6 });
    expect(parseCron('0 0 0 ? * 6#3').day).toEqual({ kind: 'nthWeekdayOfMonth', weekday: 6, nth: 3 });
    expect(parseCron('0 0 0 ? * mon#1').day).toEqual({ kind: 'nthWeekdayOfMonth', weekday: 2, nth: 1 });
    const saturday = parseCron('0 0 0 ? * L').day;
    if (saturday.kind !== 'daysOfWeek') throw new Error(saturday.kind);
    expect(fieldValues(saturday.weekdays)).toEqual([7]);
  });

  it('reads years and marks interval-like hours', () => {
    expect(fieldValues(parseCron('0 0 0 1 1 ? 2027-2029').year)).toEqual([2027, 2028, 2029]);
    expect(fieldValues(parseCron('0 0 0 1 1 ? 2090/4').year)).toEqual([2090, 2094, 2098]);
    expect(fieldValues(parseCron('0 0 0 1 1 ? *').year)).toHaveLength(130);
    expect(parseCron('0 0/15 * * * ?').hourIsInterval).toBe(true);
    expect(parseCron('0 0 0/2 * * ?').hourIsInterval).toBe(true);
    expect(parseCron('0 0 1-3 * * ?').hourIsInterval).toBe(false);
    expect(parseCron('0 30 1 * * ?').hourIsInterval).toBe(false);
  });

  it('accepts extra whitespace and tabs between fields', () => {
    expect(parseCron('  0\t0  12 * *   ? ').source).toBe('  0\t0  12 * *   ? ');
  });
});

describe('parseCron errors', () => {
  const cases: ReadonlyArray<readonly [string, CronErrorField, string]> = [
    ['', 'expression', 'empty'],
    ['* * * * *', 'expression', 'found 5'],
    ['0 0 0 * * ? 2027 extra', 'expression', 'found 8'],
    ['61 * * * * ?', 'second', '61 is out of range 0-59'],
    ['0 60 * * * ?', 'minute', '60 is out of range 0-59'],
    ['0 0 25 * * ?', 'hour', '25 is out of range 0-23'],
    ['0 0 0 32 * ?', 'dayOfMonth', '32 is out of range 1-31'],
    ['0 0 0 0 * ?', 'dayOfMonth', '0 is out of range 1-31'],
    ['0 0 0 1 13 ?', 'month', '13 is out of range 1-12'],
    ['0 0 0 1 FOO ?', 'month', `'FOO' is not a number or a name JAN-DEC`],
    ['0 0 0 ? * 8', 'dayOfWeek', '8 is out of range 1-7'],
    ['0 0 0 ? * 0', 'dayOfWeek', '0 is out of range 1-7'],
    ['0 0 0 ? * MOO', 'dayOfWeek', `'MOO' is not a number or a name SUN-SAT`],
    ['0 0 0 ? * MONDAY', 'dayOfWeek', `'MONDAY' is not a number`],
    ['0 0 0 1 1 ? 1969', 'year', '1969 is out of range 1970-2099'],
    ['0 0 0 1 1 ? 2100', 'year', '2100 is out of range 1970-2099'],
    ['0 0 0 1 1 ? 2030-2027', 'year', 'runs backwards'],
    ['0/0 * * * * ?', 'second', 'step 0 is out of range 1-59'],
    ['0 */60 * * * ?', 'minute', 'step 60 is out of range 1-59'],
    ['0 0 */24 * * ?', 'hour', 'step 24 is out of range 1-23'],
    ['0 0 0 1/ * ?', 'dayOfMonth', `'/' must be followed by a step`],
    ['? * * * * *', 'second', `'?'`],
    ['0 ? * * * *', 'minute', `'?'`],
    ['0 0 ? * * *', 'hour', `'?'`],
    ['0 0 0 * ? *', 'month', `'?'`],
    ['0 0 0 * * ? ?', 'year', `'?'`],
    ['0 0 L * * ?', 'hour', `'L' is only allowed in the day-of-month and day-of-week fields`],
    ['0 0 0 * 5L ?', 'month', `'L' is only allowed`],
    ['0 0 5W * * ?', 'hour', `'W' is only allowed in the day-of-month field`],
    ['0 0 0 1#2 * ?', 'dayOfMonth', `'#' is only allowed in the day-of-week field`],
    ['0 0 0 * * ? 20#1', 'year', `'#' is only allowed`],
    ['0 0 0 L,15 * ?', 'dayOfMonth', `cannot be combined with other days in a list`],
    ['0 0 0 1W,15 * ?', 'dayOfMonth', `cannot be combined with other days in a list`],
    ['0 0 0 1-5W * ?', 'dayOfMonth', `'W' needs a single day`],
    ['0 0 0 32W * ?', 'dayOfMonth', '32 is out of range 1-31'],
    ['0 0 0 L-31 * ?', 'dayOfMonth', 'must be 0-30'],
    ['0 0 0 LX * ?', 'dayOfMonth', `'L' must be written as L, L-n, LW or L-nW`],
    ['0 0 0 ? * 6L,2', 'dayOfWeek', `cannot be combined with other days in a list`],
    ['0 0 0 ? * 2#1,6#3', 'dayOfWeek', `cannot be combined with other days in a list`],
    ['0 0 0 ? * 6#6', 'dayOfWeek', `'#' must be followed by a number 1-5`],
    ['0 0 0 ? * 6#', 'dayOfWeek', `'#' must be followed by a number 1-5`],
    ['0 0 0 ? * 8#1', 'dayOfWeek', '8 is out of range 1-7'],
    ['0 0 0 ? * 8L', 'dayOfWeek', '8 is out of range 1-7'],
    ['0 0 0 ? * 2-6L', 'dayOfWeek', `'L' needs a single weekday`],
    ['0 0 12 * * *', 'dayOfWeek', `must be '?' when the day-of-month is given`],
    ['0 0 12 ? * ?', 'dayOfWeek', `'?' cannot be used in both`],
    ['0 0 0 ?,1 * ?', 'dayOfMonth', `'?' must stand alone`],
    ['0 1,,2 * * * ?', 'minute', `empty item in the list '1,,2'`],
    ['0 1, * * * ?', 'minute', 'empty item'],
    ['0 5- * * * ?', 'minute', `'5-' is not a value, a range (a-b), a step (a/n or */n) or '*'`],
    ['0 1-2-3 * * * ?', 'minute', `'1-2-3' is not a value`],
    ['0 ** * * * ?', 'minute', `'**' is not a value`],
    ['0 0 0 * JAN-3X ?', 'month', `'3X' is not a number or a name JAN-DEC`],
    ['0 1.5 * * * ?', 'minute', `'1.5' is not a value`],
  ];

  it.each(cases)('%j is rejected in the %s field', (expression, field, problem) => {
    const error = syntaxError(expression);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('CronSyntaxError');
    expect(error.field).toBe(field);
    expect(error.message).toContain(problem);
  });

  it('names the field in the message', () => {
    expect(syntaxError('0 0 25 * * ?').message).toBe('Hour field: 25 is out of range 0-23');
    expect(syntaxError('0 0 0 ? * 8').message).toBe(
      'Day-of-week field: 8 is out of range 1-7 (1 = Sunday, 7 = Saturday)',
    );
    expect(syntaxError('0 0 0 32 * ?').message).toMatch(/^Day-of-month field: /);
    expect(syntaxError('0 0 0 1 1 ? 2100').message).toMatch(/^Year field: /);
    expect(syntaxError('* * * * *').message).toMatch(/^Cron expression: expected 6 or 7 fields/);
  });

  it('reports the first bad field in writing order, before the day pairing', () => {
    expect(syntaxError('0 0 0 * 13 *').field).toBe('month');
    expect(syntaxError('0 0 0 32 * *').field).toBe('dayOfMonth');
    expect(syntaxError('0 0 0 * * 9').field).toBe('dayOfWeek');
  });
});

describe('validateCron', () => {
  it('returns the parsed expression', () => {
    const result = validateCron('0 0 23 ? * *');
    expect(result.valid).toBe(true);
    if (result.valid) expect(result.cron.source).toBe('0 0 23 ? * *');
  });

  it('returns the error and its field instead of throwing', () => {
    expect(validateCron('0 0 25 * * ?')).toEqual({
      valid: false,
      error: 'Hour field: 25 is out of range 0-23',
      field: 'hour',
    });
  });
});
