import type { ResultOf, RunInfo, RunStatus } from '@taskomatic/shared';
import { describe, expect, it } from 'vitest';
import { bunchStatusOfSteps, lastRun, outcomesBySchedule } from './recent-outcomes';

type Calendar = ResultOf<'calendar.range'>;
const minute = (n: number) => new Date(Date.parse('2026-11-28T10:00:00Z') + n * 60_000);

function calendarRun(bunchRunId: number, scheduleId: number | undefined, status: RunStatus, due: number): Calendar['runs'][number] {
  return { bunchRunId, ...(scheduleId !== undefined ? { scheduleId } : {}), bunch: 'b', status, trigger: 'cron', dueTime: minute(due) };
}

function step(bunchRunId: number, scheduleId: number, stepNo: number, status: RunStatus, due: number): RunInfo {
  return { id: bunchRunId * 10 + stepNo, bunchRunId, scheduleId, bunch: 'b', step: stepNo, task: `t${stepNo}`, status, trigger: 'cron', dueTime: minute(due), stdoutBytes: 0, stderrBytes: 0, droppedBytes: 0, fireCount: 1 };
}

describe('bunchStatusOfSteps', () => {
  it('is under way while a step is', () => {
    expect(bunchStatusOfSteps([{ step: 1, status: 'FINISHED' }, { step: 2, status: 'RUNNING' }])).toBe('RUNNING');
    expect(bunchStatusOfSteps([{ step: 1, status: 'POSTPONED' }])).toBe('POSTPONED');
  });
  it('takes the outcome of the last step that ran, skipped steps aside', () => {
    expect(bunchStatusOfSteps([{ step: 2, status: 'SKIPPED' }, { step: 1, status: 'FAILED' }])).toBe('FAILED');
    expect(bunchStatusOfSteps([{ step: 1, status: 'FAILED' }, { step: 2, status: 'FINISHED' }])).toBe('FINISHED');
    expect(bunchStatusOfSteps([{ step: 1, status: 'SKIPPED' }])).toBe('SKIPPED');
  });
});

describe('outcomesBySchedule', () => {
  it('groups the calendar runs by schedule, oldest first, keeping the latest few', () => {
    const runs = [calendarRun(3, 7, 'FAILED', 3), calendarRun(1, 7, 'FINISHED', 1), calendarRun(2, 7, 'FINISHED', 2), calendarRun(4, 8, 'MISSED', 1), calendarRun(5, undefined, 'FINISHED', 1)];
    const outcomes = outcomesBySchedule({ runs, runBands: [] }, [], 2);
    expect(outcomes.get(7)?.recent.map((run) => run.bunchRunId)).toEqual([2, 3]);
    expect(lastRun(outcomes.get(7))?.status).toBe('FAILED');
    expect(outcomes.get(8)?.recent.map((run) => run.status)).toEqual(['MISSED']);
    expect([...outcomes.keys()].sort()).toEqual([7, 8]);
  });

  it('fills a banded schedule from the newest run history, the calendar status winning', () => {
    const band = { scheduleId: 9, label: 'every-minute', bunch: 'b', count: 1440, first: minute(0), last: minute(30), byStatus: { FINISHED: 1439, FAILED: 1 } };
    const calendar = { runs: [calendarRun(30, 9, 'FAILED', 30)], runBands: [band] };
    const newest = [step(31, 9, 1, 'RUNNING', 31), step(30, 9, 1, 'FINISHED', 30), step(30, 9, 2, 'FINISHED', 30), step(29, 9, 1, 'FINISHED', 29), step(29, 9, 2, 'SKIPPED', 29)];
    const outcomes = outcomesBySchedule(calendar, newest);
    expect(outcomes.get(9)?.recent.map((run) => [run.bunchRunId, run.status])).toEqual([
      [29, 'FINISHED'],
      [30, 'FAILED'],
      [31, 'RUNNING'],
    ]);
    expect(outcomes.get(9)?.band).toEqual({ count: 1440, byStatus: { FINISHED: 1439, FAILED: 1 } });
  });

  it('leaves waiting runs out and knows nothing of schedules that did not run', () => {
    const outcomes = outcomesBySchedule({ runs: [calendarRun(1, 7, 'READY', 1)], runBands: [] }, []);
    expect(outcomes.get(7)?.recent).toEqual([]);
    expect(lastRun(outcomes.get(7))).toBeUndefined();
    expect(lastRun(outcomes.get(99))).toBeUndefined();
  });
});
