import { describe, expect, it } from 'vitest';
import {
  UnknownTimeZoneError,
  canonicalTimeZone,
  isValidTimeZone,
  offsetSpanAt,
  timeZoneOffset,
  wallTimeToInstant,
} from './time-zone.js';

const HOUR = 3_600_000;

describe('isValidTimeZone', () => {
  it('accepts IANA names, UTC and Intl’s case-insensitive spellings', () => {
    const zones = ['UTC', 'Etc/UTC', 'GMT', 'Europe/Prague', 'America/New_York', 'Asia/Kathmandu', 'europe/prague'];
    for (const zone of zones) {
      expect(isValidTimeZone(zone), zone).toBe(true);
    }
  });

  it('rejects what is not a zone', () => {
    for (const zone of ['', 'Mars/Olympus_Mons', 'Europe/Praha', 'CET+1', 'not a zone', 'UTC+25']) {
      expect(isValidTimeZone(zone), zone).toBe(false);
    }
  });
});

describe('canonicalTimeZone', () => {
  it('spells the zone as Intl does', () => {
    expect(canonicalTimeZone('europe/prague')).toBe('Europe/Prague');
    expect(canonicalTimeZone('utc')).toBe('UTC');
    expect(() => canonicalTimeZone('Nowhere/Else')).toThrow(UnknownTimeZoneError);
  });
});

describe('timeZoneOffset', () => {
  it('gives the offset in milliseconds, east positive', () => {
    expect(timeZoneOffset('UTC', Date.parse('2027-07-01T00:00:00Z'))).toBe(0);
    expect(timeZoneOffset('Europe/Prague', Date.parse('2027-01-15T00:00:00Z'))).toBe(HOUR);
    expect(timeZoneOffset('Europe/Prague', Date.parse('2027-07-15T00:00:00Z'))).toBe(2 * HOUR);
    expect(timeZoneOffset('America/New_York', Date.parse('2027-01-15T00:00:00Z'))).toBe(-5 * HOUR);
    expect(timeZoneOffset('Asia/Kathmandu', Date.parse('2027-01-15T00:00:00Z'))).toBe(5.75 * HOUR);
  });

  it('changes at the exact second of a transition', () => {
    // Prague springs forward at 01:00 UTC on 2027-03-28.
    const change = Date.parse('2027-03-28T01:00:00Z');
    expect(timeZoneOffset('Europe/Prague', change - 1)).toBe(HOUR);
    expect(timeZoneOffset('Europe/Prague', change)).toBe(2 * HOUR);
  });

  it('throws UnknownTimeZoneError for an unknown zone', () => {
    expect(() => timeZoneOffset('Mars/Olympus_Mons', 0)).toThrow(UnknownTimeZoneError);
    expect(() => timeZoneOffset('Mars/Olympus_Mons', 0)).toThrow(/Unknown time zone: 'Mars\/Olympus_Mons'/);
  });
});

describe('offsetSpanAt', () => {
  it('reports the transition that opened the span and the offset before it', () => {
    const span = offsetSpanAt('Europe/Prague', Date.parse('2027-03-28T12:00:00Z'));
    expect(span.start).toBe(Date.parse('2027-03-28T01:00:00Z'));
    expect(span.offset).toBe(2 * HOUR);
    expect(span.previousOffset).toBe(HOUR);
  });

  it('is one endless span for UTC', () => {
    expect(offsetSpanAt('UTC', 0)).toEqual({ start: -Infinity, end: Infinity, offset: 0, previousOffset: 0 });
  });

  it('finds a transition that falls right on a cache boundary', () => {
    // Whatever the boundaries are, every transition of a year is found from either side.
    for (let t = Date.parse('2027-01-01T00:00:00Z'); t < Date.parse('2028-01-01T00:00:00Z'); t += 6 * HOUR) {
      const span = offsetSpanAt('America/New_York', t);
      expect(span.start <= t && t < span.end).toBe(true);
      expect(timeZoneOffset('America/New_York', span.start)).toBe(span.offset);
      expect(timeZoneOffset('America/New_York', span.end - 1)).toBe(span.offset);
    }
  });
});

describe('wallTimeToInstant', () => {
  const wall = (text: string) => Date.parse(`${text}Z`);

  it('converts ordinary wall times', () => {
    expect(wallTimeToInstant('Europe/Prague', wall('2027-01-15T12:00:00'))).toBe(Date.parse('2027-01-15T11:00:00Z'));
    expect(wallTimeToInstant('UTC', wall('2027-01-15T12:00:00'))).toBe(Date.parse('2027-01-15T12:00:00Z'));
  });

  it('shifts a nonexistent wall time forward by the gap', () => {
    expect(wallTimeToInstant('America/New_York', wall('2027-03-14T02:30:00'))).toBe(Date.parse('2027-03-14T07:30:00Z'));
  });

  it('gives the first occurrence of a repeated wall time', () => {
    expect(wallTimeToInstant('America/New_York', wall('2027-11-07T01:30:00'))).toBe(Date.parse('2027-11-07T05:30:00Z'));
  });
});
