import { describe, expect, it } from 'vitest';
import { MIN, run, T0 } from './fleet-test-data';
import { finishedDurations, isRunningLong, median, usualDuration } from './run-durations';

const finished = (bunchRunId: number, minutes: number) => run({ bunchRunId, status: 'FINISHED', startTime: new Date(T0), endTime: new Date(T0 + minutes * MIN) });

describe('median', () => {
  it('is the middle value, or the mean of the two middle ones', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeUndefined();
  });
});

describe('finishedDurations', () => {
  it('spans a bunch run from its first start to its last end, and leaves out failed and unfinished ones', () => {
    const runs = [
      run({ bunchRunId: 1, step: 2, status: 'FINISHED', startTime: new Date(T0 + 2 * MIN), endTime: new Date(T0 + 6 * MIN) }),
      run({ bunchRunId: 1, step: 1, status: 'FINISHED', startTime: new Date(T0), endTime: new Date(T0 + 2 * MIN) }),
      run({ bunchRunId: 2, status: 'FAILED', startTime: new Date(T0), endTime: new Date(T0 + MIN) }),
      run({ bunchRunId: 3, status: 'RUNNING', startTime: new Date(T0) }),
      run({ bunchRunId: 4, status: 'SKIPPED' }),
      run({ bunchRunId: 5, step: 2, status: 'SKIPPED' }),
      finished(5, 3),
    ];
    expect(finishedDurations(runs)).toEqual([6 * MIN, 3 * MIN]);
  });
});

describe('usual duration and running long', () => {
  it('needs a few finished runs to say what is usual', () => {
    expect(usualDuration([finished(1, 2), finished(2, 4)])).toBeUndefined();
    expect(usualDuration([finished(1, 2), finished(2, 4), finished(3, 30)])).toBe(4 * MIN);
  });
  it('flags a run past twice the usual, and not a short one just past it', () => {
    expect(isRunningLong(T0, T0 + 9 * MIN, 4 * MIN)).toBe(true);
    expect(isRunningLong(T0, T0 + 7 * MIN, 4 * MIN)).toBe(false);
    expect(isRunningLong(T0, T0 + 50_000, 10_000)).toBe(false);
    expect(isRunningLong(T0, T0 + 100 * MIN, undefined)).toBe(false);
  });
});
