import { describe, expect, it } from 'vitest';
import { appendPage, applyHeadPage, beyondPage, firstPage, replaceRuns, sameRun } from './history-pages';
import { minuteOf, runAt } from './runs-test-support';

const ids = (history: { runs: ReadonlyArray<{ run: { id: number } }> }) => history.runs.map((item) => item.run.id);

describe('history pages', () => {
  it('appends older pages below, capped so nothing already loaded moves', () => {
    const first = firstPage({ runs: [runAt(10, 40), runAt(9, 30)], nextCursor: 9 });
    const both = appendPage(first, { runs: [runAt(8, 35), runAt(7, 20)] });
    expect(ids(both)).toEqual([10, 9, 8, 7]);
    expect(both.runs.map((item) => minuteOf(item.key))).toEqual([40, 30, 30, 20]);
    expect(both.nextCursor).toBeUndefined();
  });
  it('skips runs of a page that are already loaded', () => {
    const first = firstPage({ runs: [runAt(10, 40), runAt(9, 30)], nextCursor: 9 });
    expect(ids(appendPage(first, { runs: [runAt(9, 30), runAt(8, 20)], nextCursor: 8 }))).toEqual([10, 9, 8]);
  });
  it('puts new runs on top and changes the others in place, keeping their place', () => {
    const history = appendPage(firstPage({ runs: [runAt(10, 40, { status: 'RUNNING' }), runAt(9, 30)], nextCursor: 9 }), { runs: [runAt(8, 20)], nextCursor: 8 });
    const after = applyHeadPage(history, { runs: [runAt(11, 50), runAt(10, 40, { status: 'FINISHED' }), runAt(9, 30)], nextCursor: 9 });
    expect(ids(after)).toEqual([11, 10, 9, 8]);
    expect(after.runs[1]?.run.status).toBe('FINISHED');
    expect(after.nextCursor).toBe(8);
  });
  it('keeps the same run object when a new read says the same, so its row is not drawn again', () => {
    const history = firstPage({ runs: [runAt(10, 40), runAt(9, 30)] });
    const after = applyHeadPage(history, { runs: [runAt(10, 40), runAt(9, 30, { status: 'FAILED' })] });
    expect(after.runs[0]?.run).toBe(history.runs[0]?.run);
    expect(after.runs[1]?.run.status).toBe('FAILED');
    expect(sameRun(runAt(1, 2), runAt(1, 2))).toBe(true);
    expect(sameRun(runAt(1, 2), runAt(1, 2, { endTime: new Date(0) }))).toBe(false);
  });
  it('drops loaded runs the newest page no longer has (they stopped matching the filter)', () => {
    const history = firstPage({ runs: [runAt(10, 40, { status: 'RUNNING' }), runAt(9, 30, { status: 'RUNNING' })] });
    const after = applyHeadPage(history, { runs: [runAt(9, 30, { status: 'RUNNING' })] });
    expect(ids(after)).toEqual([9]);
  });
  it('keeps loaded runs older than what the newest page covers', () => {
    const history = appendPage(firstPage({ runs: [runAt(10, 40), runAt(9, 30)], nextCursor: 9 }), { runs: [runAt(5, 10)], nextCursor: 5 });
    const after = applyHeadPage(history, { runs: [runAt(12, 50), runAt(10, 40)], nextCursor: 10 });
    expect(ids(after)).toEqual([12, 10, 9, 5]);
  });
  it('starts over when even the newest page is all newer than what is loaded', () => {
    const history = firstPage({ runs: [runAt(10, 40)], nextCursor: 10 });
    const after = applyHeadPage(history, { runs: [runAt(30, 59), runAt(29, 58)], nextCursor: 29 });
    expect(ids(after)).toEqual([30, 29]);
    expect(after.nextCursor).toBe(29);
  });
  it('knows everything is loaded when the newest page is the whole history', () => {
    const history = firstPage({ runs: [runAt(10, 40), runAt(9, 30)], nextCursor: 9 });
    expect(applyHeadPage(history, { runs: [runAt(10, 40)] }).nextCursor).toBeUndefined();
  });
  it('changes old runs in place from their bunch run read again, and finds which ones the newest page misses', () => {
    const history = appendPage(firstPage({ runs: [runAt(10, 40), runAt(9, 30)], nextCursor: 9 }), { runs: [runAt(5, 10, { status: 'RUNNING' })] });
    const page = { runs: [runAt(11, 50), runAt(10, 40)], nextCursor: 10 };
    expect(beyondPage(history, page, new Set([5, 10, 77]))).toEqual([5]);
    expect(beyondPage(history, { runs: page.runs }, new Set([5]))).toEqual([]);
    const after = replaceRuns(history, [runAt(5, 10, { status: 'FINISHED' }), runAt(6, 11)]);
    expect(after.runs.map((item) => item.run.status)).toEqual(['FINISHED', 'FINISHED', 'FINISHED']);
    expect(after.runs[2]?.key).toBe(history.runs[2]?.key);
    expect(replaceRuns(history, [runAt(10, 40)])).toBe(history);
  });
});
