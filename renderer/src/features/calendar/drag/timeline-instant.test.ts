import { describe, expect, it } from 'vitest';
import { laneAt, timelineInstant, type LaneBox } from './timeline-instant';

const FROM = Date.parse('2026-11-30T23:00:00Z'); // Dec 1, 00:00 in Berlin
const TO = FROM + 24 * 3_600_000;
// 1,440 px wide: a pixel a minute.
const lanes: ReadonlyArray<LaneBox> = [
  { satelliteId: 'a', left: 100, right: 1540, top: 50, bottom: 100 },
  { satelliteId: 'b', left: 100, right: 1540, top: 110, bottom: 160 },
];

describe('laneAt', () => {
  it('finds the lane under the pointer, else the nearest', () => {
    expect(laneAt(lanes, 120)?.satelliteId).toBe('b');
    expect(laneAt(lanes, 10)?.satelliteId).toBe('a');
    expect(laneAt(lanes, 900)?.satelliteId).toBe('b');
    expect(laneAt(lanes, 105)?.satelliteId).toBe('b');
    expect(laneAt([], 5)).toBeNull();
  });
});

describe('timelineInstant', () => {
  it('reads the instant linearly along the lane, snapped to 5 minutes (1 with Alt)', () => {
    expect(timelineInstant(lanes[0]!, 100 + 602, FROM, TO, 'Europe/Berlin', false)).toBe(FROM + 600 * 60_000);
    expect(timelineInstant(lanes[0]!, 100 + 603, FROM, TO, 'Europe/Berlin', false)).toBe(FROM + 605 * 60_000);
    expect(timelineInstant(lanes[0]!, 100 + 603, FROM, TO, 'Europe/Berlin', true)).toBe(FROM + 603 * 60_000);
  });

  it('snaps on the schedule zone wall clock (Kathmandu quarter hours)', () => {
    // 10:07 Berlin = 09:07 UTC = 14:52 Kathmandu: 14:50 there, 09:05 UTC.
    expect(timelineInstant(lanes[0]!, 100 + 607, FROM, TO, 'Asia/Kathmandu', false)).toBe(Date.parse('2026-12-01T09:05:00Z'));
  });

  it('clamps to the span, keeping the last snap before its end', () => {
    expect(timelineInstant(lanes[0]!, 0, FROM, TO, 'Europe/Berlin', false)).toBe(FROM);
    expect(timelineInstant(lanes[0]!, 5000, FROM, TO, 'Europe/Berlin', false)).toBe(TO - 5 * 60_000);
  });
});
