import { describe, expect, it } from 'vitest';
import { dstMarkers } from './dst-markers';
import { viewRange } from './view-range';

describe('daylight-saving markers', () => {
  it('marks the spring change at 02:00', () => {
    const markers = dstMarkers(viewRange('week', '2026-03-29', 'Europe/Berlin').days, 'Europe/Berlin');
    expect(markers).toHaveLength(1);
    expect(markers[0]).toMatchObject({ date: '2026-03-29', shiftMinutes: 60, minuteOfDay: 120, text: '02:00 clocks go forward 1 h (Europe/Berlin)' });
    expect(new Date(markers[0]!.at).toISOString()).toBe('2026-03-29T01:00:00.000Z');
  });

  it('marks the autumn change as going back', () => {
    const markers = dstMarkers(viewRange('day', '2026-11-01', 'America/New_York').days, 'America/New_York');
    expect(markers[0]?.text).toBe('02:00 clocks go back 1 h (America/New_York)');
  });

  it('marks nothing in UTC or an ordinary week', () => {
    expect(dstMarkers(viewRange('month', '2026-03-29', 'UTC').days, 'UTC')).toEqual([]);
    expect(dstMarkers(viewRange('week', '2026-06-10', 'Europe/Berlin').days, 'Europe/Berlin')).toEqual([]);
  });
});
