import { describe, expect, it } from 'vitest';
import { keyPage } from './run-order';
import { mergeHistories, type MergeStream } from './runs-merge';
import { runAt } from './runs-test-support';

const stream = (satelliteId: string, minutes: ReadonlyArray<number>, holds: boolean, firstId = 100): MergeStream => ({
  satelliteId,
  holds,
  runs: keyPage(minutes.map((minute, index) => runAt(firstId - index, minute))),
});
const shown = (streams: ReadonlyArray<MergeStream>) => mergeHistories(streams).rows.map((row) => `${row.satelliteId}@${row.run.startTime?.getUTCMinutes()}`);

describe('mergeHistories', () => {
  it('merges satellites by time, newest first', () => {
    expect(shown([stream('a', [50, 30, 10], false), stream('b', [40, 20], false)])).toEqual(['a@50', 'b@40', 'a@30', 'b@20', 'a@10']);
  });
  it('holds back runs older than the last loaded run of a satellite that has more', () => {
    const result = mergeHistories([stream('a', [50, 30, 10], false), stream('b', [40, 35], true)]);
    expect(result.rows.map((row) => `${row.satelliteId}@${row.run.startTime?.getUTCMinutes()}`)).toEqual(['a@50', 'b@40', 'b@35']);
    expect(result.held).toBe(2);
    expect(result.bottleneck).toEqual(['b']);
  });
  it('never shows a run that a later page would put below one already shown', () => {
    // b's next page may hold a run at minute 34; a@30 must wait for it.
    const first = shown([stream('a', [50, 30], true), stream('b', [40, 35], true)]);
    const second = shown([stream('a', [50, 30], true), stream('b', [40, 35, 34, 20], true)]);
    expect(first).toEqual(['a@50', 'b@40', 'b@35']);
    expect(second.slice(0, first.length)).toEqual(first);
    expect(second).toEqual(['a@50', 'b@40', 'b@35', 'b@34', 'a@30']);
  });
  it('picks as bottleneck the satellite whose frontier is newest', () => {
    expect(mergeHistories([stream('a', [50, 10], true), stream('b', [40, 30], true)]).bottleneck).toEqual(['b']);
  });
  it('lets a satellite that does not hold (still loading, or offline) block nobody', () => {
    expect(shown([stream('a', [50, 10], false), stream('b', [40], false)])).toEqual(['a@50', 'b@40', 'a@10']);
  });
  it('keeps ties in satellite order and each stream in its own order', () => {
    expect(shown([stream('b', [30, 30], false), stream('a', [30], false)])).toEqual(['a@30', 'b@30', 'b@30']);
  });
  it('shows a tie with a holding satellite only when it sorts before that satellite', () => {
    expect(shown([stream('a', [30], false), stream('b', [30], true)])).toEqual(['a@30', 'b@30']);
    expect(shown([stream('c', [30], false), stream('b', [30], true)])).toEqual(['b@30']);
  });
  it('returns nothing for no satellites', () => {
    expect(mergeHistories([])).toEqual({ rows: [], held: 0, bottleneck: [] });
  });
});
