import { describe, expect, it } from 'vitest';
import { isoOrNull, isoUtc, zonedTime } from './time-format.js';

describe('time formats', () => {
  it('prints instants as ISO 8601 UTC', () => {
    expect(isoUtc(Date.UTC(2027, 2, 14, 7, 30))).toBe('2027-03-14T07:30:00.000Z');
    expect(isoOrNull(null)).toBeNull();
  });

  it('prints the wall clock of a zone with the offset in force, either side of a daylight-saving change', () => {
    expect(zonedTime(Date.parse('2027-03-13T07:30:00Z'), 'America/New_York')).toBe('Sat 2027-03-13T02:30:00-05:00');
    expect(zonedTime(Date.parse('2027-03-14T07:30:00Z'), 'America/New_York')).toBe('Sun 2027-03-14T03:30:00-04:00');
    expect(zonedTime(Date.parse('2027-06-01T00:00:00Z'), 'Asia/Kolkata')).toBe('Tue 2027-06-01T05:30:00+05:30');
    expect(zonedTime(0, 'UTC')).toBe('Thu 1970-01-01T00:00:00+00:00');
  });
});
