import { describe, expect, it } from 'vitest';
import { frequentBand } from './frequent-fires';

const every = (minutes: number, count: number) => Array.from({ length: count }, (_, index) => new Date(Date.UTC(2026, 5, 1, 13) + index * minutes * 60_000));

describe('frequent fires', () => {
  it('bands a schedule firing more often than every half hour, with its interval', () => {
    expect(frequentBand(every(15, 43))).toMatchObject({ count: 43, everySeconds: 900 });
    expect(frequentBand(every(15, 43))!.last.toISOString()).toBe('2026-06-01T23:30:00.000Z');
  });

  it('leaves hourly schedules and short bursts as blocks', () => {
    expect(frequentBand(every(60, 30))).toBeUndefined();
    expect(frequentBand(every(1, 3))).toBeUndefined();
  });

  it('gives no interval when the fires are irregular', () => {
    const times = [...every(5, 5), new Date(Date.UTC(2026, 5, 1, 13, 27))];
    expect(frequentBand(times)).toMatchObject({ count: 6 });
    expect(frequentBand(times)!.everySeconds).toBeUndefined();
  });
});
