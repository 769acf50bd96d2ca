import type { RunInfo } from '@taskomatic/shared';

/** A run of one satellite's history with the instant the merge places it at. */
export interface KeyedRun {
  readonly run: RunInfo;
  /** Epoch ms; never increases along a satellite's history (newest first). */
  readonly key: number;
}

/** Where a run belongs in time: when it started, or when it was due if it never started (missed, skipped, waiting). */
export function placeTime(run: RunInfo): number {
  return (run.startTime ?? run.dueTime).getTime();
}

/**
 * Merge keys for one page of a satellite's history, given in the server's order.
 *
 * `runs.list` pages by task-run id (creation order), not by time, and the two mostly agree: a step is created
 * when it starts, a scheduled run a little before it is due. Where they disagree (a catch-up or missed record,
 * nodes of a cluster allocating ids in blocks) the page is not sorted by time, and a k-way merge needs keys that
 * never increase along each stream. So the page gets its closest non-increasing fit (isotonic regression with
 * medians of pooled blocks: a lone outlier takes its neighbours' time instead of dragging the rest of the page),
 * capped by the key of the last run loaded before it (so runs already shown never move).
 */
export function keyPage(runs: ReadonlyArray<RunInfo>, cap: number = Number.POSITIVE_INFINITY): ReadonlyArray<KeyedRun> {
  const levels = nonIncreasingFit(runs.map(placeTime));
  return runs.map((run, index) => ({ run, key: Math.min(levels[index] ?? cap, cap) }));
}

interface Block {
  readonly values: ReadonlyArray<number>;
  readonly level: number;
}

/** Pool-adjacent-violators for a non-increasing fit under absolute error (each pooled block takes its lower median). */
export function nonIncreasingFit(values: ReadonlyArray<number>): ReadonlyArray<number> {
  const blocks: Block[] = [];
  for (const value of values) {
    let block: Block = { values: [value], level: value };
    for (let previous = blocks.at(-1); previous && previous.level < block.level; previous = blocks.at(-1)) {
      blocks.pop();
      const pooled = [...previous.values, ...block.values];
      block = { values: pooled, level: lowerMedian(pooled) };
    }
    blocks.push(block);
  }
  return blocks.flatMap((block) => block.values.map(() => block.level));
}

function lowerMedian(values: ReadonlyArray<number>): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
}

/**
 * Puts runs that appeared since the history was loaded (a live update) into a stream by id, newest first; each
 * new run's key is clamped between its neighbours' so the stream stays ordered and nothing already shown moves.
 */
export function insertRuns(stream: ReadonlyArray<KeyedRun>, fresh: ReadonlyArray<RunInfo>): ReadonlyArray<KeyedRun> {
  if (fresh.length === 0) return stream;
  const byId = [...fresh].sort((a, b) => b.id - a.id);
  const result: KeyedRun[] = [];
  let index = 0;
  for (const run of byId) {
    while (index < stream.length && (stream[index]?.run.id ?? 0) > run.id) result.push(stream[index++] as KeyedRun);
    const above = result.at(-1)?.key ?? Number.POSITIVE_INFINITY;
    const below = stream[index]?.key ?? Number.NEGATIVE_INFINITY;
    result.push({ run, key: Math.max(below, Math.min(above, placeTime(run))) });
  }
  while (index < stream.length) result.push(stream[index++] as KeyedRun);
  return result;
}
