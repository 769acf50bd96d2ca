import type { TaskParameter } from '@taskomatic/shared';
import { describe, expect, it } from 'vitest';
import { ParameterError, validateParams } from './validate-params.js';

const channel: TaskParameter = { name: 'channel', type: 'string', required: true, pattern: '^[a-z0-9._-]+$' };
const count: TaskParameter = { name: 'count', type: 'integer', required: false, default: 10, min: 1, max: 100 };
const dryRun: TaskParameter = { name: 'dry-run', type: 'boolean', required: false };
const level: TaskParameter = { name: 'level', type: 'enum', required: false, values: ['low', 'high'] };
const note: TaskParameter = { name: 'note', type: 'string', required: false };
const declared = [channel, count, dryRun, level, note];

/** Runs `validateParams` and returns the ParameterError it threw. */
function refusal(given: Record<string, unknown>, params: ReadonlyArray<TaskParameter> = declared): ParameterError {
  try {
    validateParams(params, given);
  } catch (error) {
    if (error instanceof ParameterError) return error;
    throw error;
  }
  throw new Error(`accepted ${JSON.stringify(given)}`);
}

describe('validateParams', () => {
  it('converts strings from the API and applies defaults', () => {
    expect(validateParams(declared, { channel: 'rhel-9', count: '42', 'dry-run': 'yes', level: 'high' })).toEqual({
      channel: 'rhel-9',
      count: 42,
      'dry-run': true,
      level: 'high',
    });
    expect(validateParams(declared, { channel: 'x' })).toEqual({ channel: 'x', count: 10 });
  });

  it.each([
    ['true', true],
    ['TRUE', true],
    ['1', true],
    ['yes', true],
    ['false', false],
    ['0', false],
    ['no', false],
    [true, true],
    [0, false],
  ])('reads the boolean %j as %s', (raw, expected) => {
    expect(validateParams([dryRun], { 'dry-run': raw })).toEqual({ 'dry-run': expected });
  });

  it('returns a fresh frozen object', () => {
    const given = { channel: 'x' };
    const values = validateParams(declared, given);
    expect(values).not.toBe(given);
    expect(Object.isFrozen(values)).toBe(true);
  });

  it('treats null and undefined as not given', () => {
    expect(validateParams(declared, { channel: 'x', count: null, note: undefined })).toEqual({ channel: 'x', count: 10 });
  });

  it('refuses unknown names, including __proto__, and never copies them', () => {
    expect(refusal({ channel: 'x', chanel: 'y' }).message).toBe(
      'Parameter chanel: unknown parameter (known: channel, count, dry-run, level, note)',
    );
    const hostile = JSON.parse('{"channel":"x","__proto__":{"polluted":true}}') as Record<string, unknown>;
    expect(refusal(hostile).parameter).toBe('__proto__');
    expect(refusal({ x: 1 }, []).message).toBe('Parameter x: unknown parameter (this task takes none)');
  });

  it('does not take inherited properties for values', () => {
    const constructorParam: TaskParameter = { name: 'constructor', type: 'string', required: true };
    expect(refusal({}, [constructorParam]).message).toBe('Parameter constructor: required but not given');
  });

  it('refuses a missing required parameter', () => {
    const error = refusal({});
    expect(error.parameter).toBe('channel');
    expect(error.message).toBe('Parameter channel: required but not given');
  });

  it.each([
    [{ channel: 'Foo Bar' }, "Parameter channel: 'Foo Bar' does not match ^[a-z0-9._-]+$"],
    [{ channel: 'ok', count: 'abc' }, "Parameter count: expected an integer, got 'abc'"],
    [{ channel: 'ok', count: '4.5' }, "Parameter count: expected an integer, got '4.5'"],
    [{ channel: 'ok', count: 4.5 }, 'Parameter count: expected an integer, got 4.5'],
    [{ channel: 'ok', count: '1e3' }, "Parameter count: expected an integer, got '1e3'"],
    [{ channel: 'ok', count: 0 }, 'Parameter count: 0 is out of range [1, 100]'],
    [{ channel: 'ok', count: '101' }, 'Parameter count: 101 is out of range [1, 100]'],
    [{ channel: 'ok', count: '99999999999999999999' }, "Parameter count: expected an integer, got '99999999999999999999'"],
    [{ channel: 'ok', 'dry-run': 'maybe' }, "Parameter dry-run: expected true or false (or yes/no, 1/0), got 'maybe'"],
    [{ channel: 'ok', 'dry-run': 2 }, 'Parameter dry-run: expected true or false (or yes/no, 1/0), got 2'],
    [{ channel: 'ok', level: 'medium' }, "Parameter level: 'medium' is not one of low, high"],
    [{ channel: 'ok', level: 3 }, 'Parameter level: 3 is not one of low, high'],
    [{ channel: 42 }, 'Parameter channel: expected a string, got 42'],
    [{ channel: ['a'] }, 'Parameter channel: expected a string, got an array'],
    [{ channel: 'ok', note: 'a\nb' }, "Parameter note: 'a\\nb' contains a control character"],
    [{ channel: 'ok', note: 'a\u0000b' }, "Parameter note: 'a\\u0000b' contains a control character"],
    [{ channel: 'ok', note: '\u001b[31mred' }, "Parameter note: '\\u001b[31mred' contains a control character"],
  ])('refuses %j', (given, message) => {
    expect(refusal(given).message).toBe(message);
  });

  it('anchors the pattern so that it must match the whole value', () => {
    const loose: TaskParameter = { name: 'word', type: 'string', required: true, pattern: 'abc|def' };
    expect(validateParams([loose], { word: 'def' })).toEqual({ word: 'def' });
    expect(refusal({ word: 'abcdef' }, [loose]).message).toBe("Parameter word: 'abcdef' does not match abc|def");
    expect(refusal({ word: 'xabc' }, [loose]).parameter).toBe('word');
  });

  it('refuses a value that could be taken for an option unless the pattern allows it', () => {
    expect(refusal({ channel: 'ok', note: '--output=/etc/passwd' }).message).toBe(
      "Parameter note: '--output=/etc/passwd' starts with '-' and could be taken for an option (declare a pattern that allows it)",
    );
    // channel's pattern allows '-' anywhere, so it allows a leading one on purpose.
    expect(validateParams([channel], { channel: '-x' })).toEqual({ channel: '-x' });
    const offset: TaskParameter = { name: 'offset', type: 'string', required: true, pattern: '-?[0-9]+' };
    expect(validateParams([offset], { offset: '-5' })).toEqual({ offset: '-5' });
    expect(refusal({ offset: '-rf' }, [offset]).message).toBe("Parameter offset: '-rf' does not match -?[0-9]+");
  });

  it('accepts a negative integer only where the declaration allows one (alone, "-3" reads as an option)', () => {
    const delta: TaskParameter = { name: 'delta', type: 'integer', required: true };
    expect(() => validateParams([delta], { delta: '-3' })).toThrow(/Parameter delta: -3 is negative; declare a negative min/);
    const signed: TaskParameter = { ...delta, min: -10 };
    expect(validateParams([signed], { delta: '-3' })).toEqual({ delta: -3 });
  });

  it('refuses a struct that is not one', () => {
    const error = refusal(['x'] as unknown as Record<string, unknown>);
    expect(error.parameter).toBeNull();
  });
});
