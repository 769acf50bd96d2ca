import { describe, expect, it } from 'vitest';
import { HOUR_MS, MINUTE_MS } from './calendar.js';
import type { RescheduleDrop } from './reschedule-check.js';
import { checkReschedule, refusalReason, snapToWallClock } from './reschedule-check.js';

const now = Date.parse('2027-03-01T10:00:00Z');
const daily: RescheduleDrop = {
  kind: 'cron',
  occurrenceAt: now + 2 * HOUR_MS,
  target: now + 3 * HOUR_MS,
  now,
  previousOccurrence: now - 22 * HOUR_MS,
  nextOccurrence: now + 26 * HOUR_MS,
  activeFrom: null,
  activeTill: null,
  satelliteId: 'sat-1',
  targetSatelliteId: 'sat-1',
  locked: false,
};
const codeOf = (changes: Partial<RescheduleDrop>) => {
  const check = checkReschedule({ ...daily, ...changes });
  return check.ok ? 'ok' : check.code;
};

describe('checkReschedule', () => {
  it('accepts a drop between the neighbours, in the future, on the same satellite', () => {
    expect(checkReschedule(daily)).toEqual({ ok: true });
  });

  it('refuses with a code, a sentence and the limit to draw', () => {
    expect(checkReschedule({ ...daily, target: now - MINUTE_MS })).toEqual({
      ok: false,
      code: 'in-the-past',
      reason: 'That time has passed. Run now instead?',
      limit: now,
    });
    expect(checkReschedule({ ...daily, target: daily.nextOccurrence ?? 0 })).toMatchObject({
      code: 'past-next-occurrence',
      limit: daily.nextOccurrence,
    });
  });

  it('names each refusal, the unchangeable ones first', () => {
    expect(codeOf({ locked: true, target: now - HOUR_MS })).toBe('locked');
    expect(codeOf({ targetSatelliteId: 'sat-2' })).toBe('other-satellite');
    expect(refusalReason('other-satellite')).toBe('Another satellite: hold Ctrl to copy it there');
    expect(codeOf({ target: daily.occurrenceAt })).toBe('unchanged');
    expect(codeOf({ occurrenceAt: now - HOUR_MS })).toBe('already-fired');
    expect(codeOf({ target: now })).toBe('in-the-past');
    expect(codeOf({ previousOccurrence: now + HOUR_MS, target: now + HOUR_MS })).toBe('before-previous-occurrence');
    expect(codeOf({ target: now + 27 * HOUR_MS })).toBe('past-next-occurrence');
    expect(codeOf({ activeTill: now + 3 * HOUR_MS })).toBe('outside-active-window');
    expect(codeOf({ activeFrom: now + 4 * HOUR_MS })).toBe('outside-active-window');
  });

  it('lets a one-time run move anywhere in the future within its window', () => {
    expect(codeOf({ kind: 'once', previousOccurrence: null, nextOccurrence: null, target: now + 100 * HOUR_MS })).toBe('ok');
  });
});

describe('snapToWallClock', () => {
  const at = (text: string) => Date.parse(text);
  it('snaps to 5 minutes, or 1 with Alt', () => {
    expect(snapToWallClock(at('2027-03-01T10:07:31Z'), 'UTC', false)).toBe(at('2027-03-01T10:10:00Z'));
    expect(snapToWallClock(at('2027-03-01T10:07:31Z'), 'UTC', true)).toBe(at('2027-03-01T10:08:00Z'));
  });

  it("snaps on the zone's wall clock, not UTC's", () => {
    // Kathmandu is UTC+05:45: 10:07 local is 04:22 UTC, and snaps to 10:05 local, 04:20 UTC.
    expect(snapToWallClock(at('2027-03-01T04:22:10Z'), 'Asia/Kathmandu', false)).toBe(at('2027-03-01T04:20:00Z'));
  });

  it('moves a snap into a spring-forward gap past the gap, as the engine fires such times', () => {
    // Berlin 2027-03-28: 02:00-03:00 does not exist; 01:58 CET snaps to 02:00 wall, which fires at 03:00 CEST.
    expect(snapToWallClock(at('2027-03-28T00:58:00Z'), 'Europe/Berlin', false)).toBe(at('2027-03-28T01:00:00Z'));
  });
});
