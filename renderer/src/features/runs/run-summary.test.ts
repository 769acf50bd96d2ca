import { describe, expect, it } from 'vitest';
import { defaultStep, paramLines, parseLines, runDuration, startIfWords, stepRows, stepsSummary } from './run-summary';
import { runAt } from './runs-test-support';

const planned = [{ task: 'summary-population' }, { task: 'daily-summary', startIf: 'FINISHED' as const }, { task: 'mailer' }];

describe('stepRows', () => {
  it('pairs planned steps with the runs they became, and says which are next', () => {
    const rows = stepRows({ status: 'RUNNING', plannedSteps: planned, steps: [runAt(10, 0, { step: 1 }), runAt(11, 5, { step: 2, status: 'RUNNING' })] });
    expect(rows.map((row) => [row.step, row.task, row.state, row.run?.id])).toEqual([
      [1, 'summary-population', 'ran', 10],
      [2, 'daily-summary', 'ran', 11],
      [3, 'mailer', 'next', undefined],
    ]);
    expect(rows[1]?.startIf).toBe('FINISHED');
    expect(stepsSummary(rows)).toBe('2 of 3 steps ran');
  });
  it('marks steps never reached once the bunch ended', () => {
    const rows = stepRows({ status: 'CANCELLED', plannedSteps: planned, steps: [runAt(10, 0, { status: 'CANCELLED' })] });
    expect(rows.map((row) => row.state)).toEqual(['ran', 'not-reached', 'not-reached']);
  });
  it('lists the runs on their own when the planned steps are unknown', () => {
    const rows = stepRows({ status: 'FINISHED', plannedSteps: [], steps: [runAt(10, 0), runAt(11, 1, { step: 2, task: 'x' })] });
    expect(rows.map((row) => [row.step, row.task])).toEqual([[1, 't'], [2, 'x']]);
  });
});

describe('defaultStep', () => {
  const steps = [runAt(1, 0, { status: 'FAILED' }), runAt(2, 1, { step: 2, status: 'RUNNING' }), runAt(3, undefined, { step: 3, status: 'SKIPPED' })];
  it('opens the step the link asks for', () => expect(defaultStep(steps, 1)?.id).toBe(1));
  it('else the one going now', () => expect(defaultStep(steps, 99)?.id).toBe(2));
  it('else the last that failed', () => expect(defaultStep([steps[0]!, runAt(4, 2, { step: 2 })], undefined)?.id).toBe(1));
  it('else the last that started', () => expect(defaultStep([runAt(4, 2), steps[2]!], undefined)?.id).toBe(4));
  it('else nothing', () => expect(defaultStep([], undefined)).toBeUndefined());
});

describe('small summaries', () => {
  it('measures a run, or how long it has been going', () => {
    const start = new Date(0);
    expect(runDuration({ startTime: start, endTime: new Date(42_000) }, 99_000)).toBe(42_000);
    expect(runDuration({ startTime: start }, 5_000)).toBe(5_000);
    expect(runDuration({}, 5_000)).toBeUndefined();
  });
  it('says each condition in words', () => {
    expect(startIfWords(undefined, 1)).toBe('first step');
    expect(startIfWords('FINISHED', 2)).toBe('only if the earlier step finished');
    expect(startIfWords('FAILED', 2)).toBe('only if the earlier step failed or timed out');
    expect(startIfWords(undefined, 2)).toBe('whatever the earlier step did');
  });
  it('reads line ranges of links', () => {
    expect(parseLines('120-140')).toEqual({ from: 120, to: 140 });
    expect(parseLines('7')).toEqual({ from: 7, to: 7 });
    expect(parseLines('140-120')).toBeUndefined();
    expect(parseLines('0')).toBeUndefined();
    expect(parseLines('a-b')).toBeUndefined();
    expect(parseLines(undefined)).toBeUndefined();
  });
  it('lists parameters by name', () => {
    expect(paramLines({ channel: 'base', dry: true, count: 3 })).toEqual(['channel = base', 'count = 3', 'dry = true']);
  });
});
