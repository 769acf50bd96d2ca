import { describe, expect, it } from 'vitest';
import { bunchRuns, failedRuns, missedFires, nextFires, overdueSchedules, type FleetData } from './fleet-facts';
import { MIN, NO_UPCOMING, run, schedule, T0 } from './fleet-test-data';

const empty: FleetData = { running: [], problems: [], problemsCapped: false, schedules: [], medianMs: {}, ...NO_UPCOMING };

describe('bunchRuns', () => {
  it('folds the steps of a bunch run into one, keeping the most telling status and the earliest start', () => {
    const folded = bunchRuns([
      run({ bunchRunId: 7, step: 2, status: 'FAILED', startTime: new Date(T0 + 5 * MIN) }),
      run({ bunchRunId: 7, step: 1, status: 'FINISHED', startTime: new Date(T0) }),
      run({ bunchRunId: 8, status: 'RUNNING' }),
    ]);
    expect(folded.map((item) => [item.bunchRunId, item.status, item.startTime?.getTime()])).toEqual([
      [7, 'FAILED', T0],
      [8, 'RUNNING', undefined],
    ]);
  });
});

describe('failures and missed fires', () => {
  const data: FleetData = {
    ...empty,
    problems: [
      run({ bunchRunId: 1, status: 'TIMED_OUT' }),
      run({ bunchRunId: 2, status: 'MISSED', fireCount: 4 }),
      run({ bunchRunId: 3, status: 'INTERRUPTED' }),
      run({ bunchRunId: 3, step: 2, status: 'FAILED' }),
      run({ bunchRunId: 4, status: 'MISSED' }),
    ],
  };
  it('counts each failed bunch run once', () => expect(failedRuns(data).map((item) => item.bunchRunId)).toEqual([1, 3]));
  it('counts every fire of a missed streak', () => expect(missedFires(data)).toBe(5));
});

describe('overdue and next fires', () => {
  const schedules = [
    schedule({ id: 1, nextFireTime: new Date(T0 - 10 * MIN) }),
    schedule({ id: 2, nextFireTime: new Date(T0 - 30_000) }),
    schedule({ id: 3, nextFireTime: new Date(T0 + 20 * MIN) }),
    schedule({ id: 4, nextFireTime: new Date(T0 + 5 * MIN) }),
    schedule({ id: 5, nextFireTime: new Date(T0 - 60 * MIN), paused: true }),
    schedule({ id: 6, nextFireTime: new Date(T0 + MIN), ended: true }),
    schedule({ id: 7, nextFireTime: new Date(T0 + 90 * MIN) }),
    schedule({ id: 8 }),
  ];
  it('calls overdue only what is past its fire time by more than the grace, and active', () => {
    expect(overdueSchedules(schedules, T0).map((item) => item.id)).toEqual([1]);
  });
  it('lists the soonest fires, a fire a few seconds late included', () => {
    expect(nextFires(schedules, T0, 3).map((item) => item.id)).toEqual([2, 4, 3]);
  });
});
