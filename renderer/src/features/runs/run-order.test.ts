import { describe, expect, it } from 'vitest';
import { insertRuns, keyPage, nonIncreasingFit } from './run-order';
import { minuteOf, runAt } from './runs-test-support';

describe('nonIncreasingFit', () => {
  it('keeps a sorted page as it is', () => {
    expect(nonIncreasingFit([9, 7, 7, 3])).toEqual([9, 7, 7, 3]);
  });
  it('gives a lone old outlier its neighbours time instead of dragging the rest down', () => {
    expect(nonIncreasingFit([605, 180, 603, 600])).toEqual([605, 600, 600, 600]);
  });
  it('gives a lone new outlier its neighbours time instead of lifting the rest', () => {
    expect(nonIncreasingFit([605, 603, 9999, 600])).toEqual([605, 603, 603, 600]);
  });
  it('always returns a non-increasing sequence', () => {
    const values = [5, 9, 1, 8, 8, 2, 7, 3, 3, 10, 0];
    const fit = nonIncreasingFit(values);
    expect(fit).toHaveLength(values.length);
    for (let i = 1; i < fit.length; i++) expect(fit[i]).toBeLessThanOrEqual(fit[i - 1] as number);
  });
});

describe('keyPage', () => {
  it('places a run at its start, or at its due time when it never started', () => {
    const keys = keyPage([runAt(3, 30), runAt(2, undefined, { status: 'MISSED', dueTime: new Date(Date.UTC(2026, 10, 28, 0, 20)) })]);
    expect(keys.map((k) => minuteOf(k.key))).toEqual([30, 20]);
  });
  it('caps a page by the last key already loaded, so nothing shown moves', () => {
    const keys = keyPage([runAt(5, 50), runAt(4, 10)], new Date(Date.UTC(2026, 10, 28, 0, 40)).getTime());
    expect(keys.map((k) => minuteOf(k.key))).toEqual([40, 10]);
  });
});

describe('insertRuns', () => {
  it('puts new runs on top by id, clamped below nothing and above the old head', () => {
    const stream = keyPage([runAt(10, 30), runAt(8, 20)]);
    const merged = insertRuns(stream, [runAt(12, 40), runAt(11, 25)]);
    expect(merged.map((k) => k.run.id)).toEqual([12, 11, 10, 8]);
    expect(merged.map((k) => minuteOf(k.key))).toEqual([40, 30, 30, 20]);
  });
  it('slots a run between neighbours by id, clamped between their keys', () => {
    const stream = keyPage([runAt(10, 30), runAt(8, 20)]);
    expect(insertRuns(stream, [runAt(9, 5)]).map((k) => [k.run.id, minuteOf(k.key)])).toEqual([[10, 30], [9, 20], [8, 20]]);
  });
  it('returns the same stream when nothing is new', () => {
    const stream = keyPage([runAt(10, 30)]);
    expect(insertRuns(stream, [])).toBe(stream);
  });
});
