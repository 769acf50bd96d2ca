import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { byteCount, parseInstant, positiveInt, runStatuses } from './option-parsers.js';

describe('parseInstant', () => {
  it('reads ISO 8601 with Z or an offset, and a date alone as midnight UTC', () => {
    expect(parseInstant('2027-03-13T00:00:00Z')).toBe(Date.UTC(2027, 2, 13));
    expect(parseInstant('2027-03-13T01:00+01:00')).toBe(Date.UTC(2027, 2, 13));
    expect(parseInstant('2027-03-13T00:00:00.250Z')).toBe(Date.UTC(2027, 2, 13) + 250);
    expect(parseInstant('2027-03-13')).toBe(Date.UTC(2027, 2, 13));
  });

  it('refuses a date-time without an offset, a day that does not exist, and other text', () => {
    for (const text of ['2027-03-13T00:00:00', '2027-02-30', '2027-02-30T00:00Z', 'tomorrow', '1804896000000']) {
      expect(parseInstant(text)).toEqual({ error: expect.stringContaining(`'${text}'`) });
    }
  });
});

describe('option parsers', () => {
  it('reads byte counts with binary suffixes', () => {
    expect(byteCount('0')).toBe(0);
    expect(byteCount('4096')).toBe(4096);
    expect(byteCount('64k')).toBe(65_536);
    expect(byteCount('10M')).toBe(10 * 1024 * 1024);
    expect(byteCount('1GiB')).toBe(1024 ** 3);
    expect(() => byteCount('-1')).toThrow(InvalidArgumentError);
    expect(() => byteCount('1.5k')).toThrow(InvalidArgumentError);
  });

  it('reads run statuses in any case, comma-separated', () => {
    expect(runStatuses('failed, TIMED_OUT')).toEqual(['FAILED', 'TIMED_OUT']);
    expect(() => runStatuses('BROKEN')).toThrow(/expected one or more of READY/);
    expect(() => runStatuses(',')).toThrow(InvalidArgumentError);
  });

  it('reads positive whole numbers only', () => {
    expect(positiveInt('7')).toBe(7);
    for (const text of ['0', '-3', '2.5', 'x']) expect(() => positiveInt(text)).toThrow(InvalidArgumentError);
  });
});
