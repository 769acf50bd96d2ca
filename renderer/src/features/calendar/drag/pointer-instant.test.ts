import { describe, expect, it } from 'vitest';
import { zoneDay } from '../zone-clock';
import { instantAtPointer, type ColumnBox } from './pointer-instant';

const ZONE = 'Europe/Berlin';
const columns: ReadonlyArray<ColumnBox> = [
  { day: zoneDay('2026-11-30', ZONE), left: 100, right: 200, top: 50 },
  { day: zoneDay('2026-12-01', ZONE), left: 200, right: 300, top: 50 },
];
const PX = 1; // a pixel a minute

describe('instantAtPointer', () => {
  it('reads the day from the column and the wall minute from the height, snapped to 5 minutes', () => {
    // 600 px under the top: 10:00 on the second day; 602 rounds to 10:00, 603 to 10:05.
    expect(instantAtPointer(columns, 250, 650, 0, PX, ZONE, ZONE, false)).toBe(Date.parse('2026-12-01T09:00:00Z'));
    expect(instantAtPointer(columns, 250, 652, 0, PX, ZONE, ZONE, false)).toBe(Date.parse('2026-12-01T09:00:00Z'));
    expect(instantAtPointer(columns, 250, 653, 0, PX, ZONE, ZONE, false)).toBe(Date.parse('2026-12-01T09:05:00Z'));
  });

  it('snaps to the minute with Alt and keeps the grab offset', () => {
    expect(instantAtPointer(columns, 150, 653 + 20, 20, PX, ZONE, ZONE, true)).toBe(Date.parse('2026-11-30T09:03:00Z'));
  });

  it('snaps on the schedule zone wall clock (Kathmandu quarter hours)', () => {
    // 10:07 Berlin = 09:07 UTC = 14:52 Kathmandu; 5-minute snap there gives 14:50 = 09:05 UTC.
    expect(instantAtPointer(columns, 150, 50 + 607, 0, PX, ZONE, 'Asia/Kathmandu', false)).toBe(Date.parse('2026-11-30T09:05:00Z'));
  });

  it('takes the nearest column beside the grid and clamps to the day', () => {
    expect(instantAtPointer(columns, 10, 0, 0, PX, ZONE, ZONE, false)).toBe(Date.parse('2026-11-29T23:00:00Z'));
    expect(instantAtPointer(columns, 999, 5000, 0, PX, ZONE, ZONE, true)).toBe(Date.parse('2026-12-01T22:59:00Z'));
    // 23:59 snapped to 5 minutes would be the next day's 00:00, outside the column: its last snap, 23:55, instead.
    expect(instantAtPointer(columns, 999, 5000, 0, PX, ZONE, ZONE, false)).toBe(Date.parse('2026-12-01T22:55:00Z'));
    expect(instantAtPointer(columns, 150, 50 + 1438, 0, PX, ZONE, ZONE, false)).toBe(Date.parse('2026-11-30T22:55:00Z'));
    expect(instantAtPointer([], 0, 0, 0, PX, ZONE, ZONE, false)).toBeNull();
  });
});
