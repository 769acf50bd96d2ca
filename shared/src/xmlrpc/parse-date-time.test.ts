import { describe, expect, it } from 'vitest';
import { parseDateTime } from './parse-date-time.js';
import type { Reject } from './xml-scanner.js';

const reject: Reject = (code, problem) => {
  throw new Error(`${code}: ${problem}`);
};

describe('parseDateTime', () => {
  it.each([
    ['20270115T12:00:00', '2027-01-15T12:00:00.000Z'],
    ['2027-01-15T12:00:00', '2027-01-15T12:00:00.000Z'],
    ['20270115T120000', '2027-01-15T12:00:00.000Z'],
    [' 20270115T12:00:00\n', '2027-01-15T12:00:00.000Z'],
    ['2027-01-15T12:00:00Z', '2027-01-15T12:00:00.000Z'],
    ['2027-01-15T12:00:00.5', '2027-01-15T12:00:00.500Z'],
    ['2027-01-15T12:00:00,25Z', '2027-01-15T12:00:00.250Z'],
    ['2027-01-15T12:00:00.123999Z', '2027-01-15T12:00:00.123Z'],
    ['2027-01-15T12:00:00+02:00', '2027-01-15T10:00:00.000Z'],
    ['2027-01-15T12:00:00-0530', '2027-01-15T17:30:00.000Z'],
    ['20270115T00:30:00+01', '2027-01-14T23:30:00.000Z'],
    ['2028-02-29T00:00:00', '2028-02-29T00:00:00.000Z'],
    ['2000-02-29T00:00:00', '2000-02-29T00:00:00.000Z'],
    ['0001-01-01T00:00:00', '0001-01-01T00:00:00.000Z'],
    ['0099-03-01T00:00:00', '0099-03-01T00:00:00.000Z'],
    ['9999-12-31T23:59:59', '9999-12-31T23:59:59.000Z'],
  ])('reads %j as %s (UTC when no zone is given)', (text, iso) => {
    expect(parseDateTime(text, reject).toISOString()).toBe(iso);
  });

  it('reads year 0 as written, not as 1900', () => {
    expect(parseDateTime('0000-02-29T00:00:00', reject).getUTCFullYear()).toBe(0);
  });

  it.each([
    '2027-02-29T00:00:00',
    '1900-02-29T00:00:00',
    '2027-02-30T00:00:00',
    '2027-04-31T00:00:00',
    '2027-13-01T00:00:00',
    '2027-00-01T00:00:00',
    '2027-01-00T00:00:00',
    '2027-01-15T24:00:00',
    '2027-01-15T12:60:00',
    '2027-01-15T12:00:60',
    '2027-01-15T12:00:00+24:00',
    '2027-01-15T12:00:00+02:60',
  ])('refuses the impossible %j', (text) => {
    expect(() => parseDateTime(text, reject)).toThrow(`bad-value: <dateTime.iso8601> holds '${text}', which is not a real date and time`);
  });

  it.each(['', '2027-01-15', '2027-01-15 12:00:00', '27-01-15T12:00:00', '2027-01-15T12:00', '2027-01-15T12:00:00.Z', '2027-01-15T12:00:00+2', '2027-01-15T12:00:00 Z', 'x'.repeat(100)])(
    'refuses the malformed %j',
    (text) => {
      expect(() => parseDateTime(text, reject)).toThrow(/bad-value: <dateTime.iso8601> holds '.*', not a date and time such as 20270115T12:00:00/);
    },
  );
});
