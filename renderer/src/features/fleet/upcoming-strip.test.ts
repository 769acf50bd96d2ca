import { describe, expect, it } from 'vitest';
import { hourTicks, upcomingStrip, type UpcomingRange } from './upcoming-strip';

const T0 = Date.UTC(2026, 10, 28, 12, 0, 0);
const MIN = 60_000;
const DAY = 1440 * MIN;

function schedule(partial: Partial<UpcomingRange['schedules'][number]> & { scheduleId: number }): UpcomingRange['schedules'][number] {
  return { label: `s${partial.scheduleId}`, bunch: 'b', kind: 'cron', timeZone: 'UTC', locked: false, times: [], moved: [], ...partial };
}

const range = (schedules: UpcomingRange['schedules']): UpcomingRange => ({ schedules, runs: [], runBands: [], capped: false, timeZone: 'UTC' });

describe('upcomingStrip', () => {
  it('puts fires in 15-minute slots with their schedules, moved ones at their new time, and leaves out what is outside the window', () => {
    const strip = upcomingStrip(
      range([
        schedule({ scheduleId: 1, label: 'repo-sync', times: [new Date(T0 + 5 * MIN), new Date(T0 + DAY + MIN)] }),
        schedule({ scheduleId: 2, label: 'cleanup', locked: true, times: [new Date(T0 + 14 * MIN)], moved: [{ time: new Date(T0 + 61 * MIN), from: new Date(T0 + 30 * MIN) }] }),
      ]),
      T0,
      T0 + DAY,
    );
    expect(strip.marks).toEqual([
      { at: T0, count: 2, labels: ['repo-sync', 'cleanup'], locked: false },
      { at: T0 + 60 * MIN, count: 1, labels: ['cleanup'], locked: true },
    ]);
    expect(strip.total).toBe(3);
  });

  it('keeps a band the server sent as one span, clipped to the window, counted in the total', () => {
    const strip = upcomingStrip(range([schedule({ scheduleId: 3, label: 'heartbeat', band: { count: 1440, first: new Date(T0 - MIN), last: new Date(T0 + DAY + MIN), everySeconds: 60 } })]), T0, T0 + DAY);
    expect(strip.marks).toEqual([]);
    expect(strip.bands).toEqual([{ label: 'heartbeat', from: T0, to: T0 + DAY, count: 1440, everySeconds: 60 }]);
    expect(strip.total).toBe(1440);
  });
});

describe('hourTicks', () => {
  it('marks every third full hour of the zone, also in a zone half an hour off UTC', () => {
    expect(hourTicks(T0 + MIN, T0 + 7 * 60 * MIN, () => 0)).toEqual([T0 + 3 * 60 * MIN, T0 + 6 * 60 * MIN]);
    // India (+05:30): 12:00 UTC is 17:30 there; its 18:00 and 21:00 are 12:30 and 15:30 UTC.
    expect(hourTicks(T0, T0 + 4 * 60 * MIN, () => 330)).toEqual([T0 + 30 * MIN, T0 + 210 * MIN]);
  });
});
