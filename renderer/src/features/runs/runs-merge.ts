import type { RunInfo } from '@taskomatic/shared';
import type { KeyedRun } from './run-order';

/** One satellite's loaded history, as the merge sees it. */
export interface MergeStream {
  readonly satelliteId: string;
  /** In the server's order, keys never increasing. */
  readonly runs: ReadonlyArray<KeyedRun>;
  /**
   * True when older runs remain on the server and this satellite answers: the merge holds back every run of the
   * other satellites older than its last loaded one, since its next page could hold runs newer than them. A
   * satellite still loading its first page, or one that stopped answering, never holds the others back.
   */
  readonly holds: boolean;
}

/** A run of the merged history. */
export interface MergedRun {
  readonly satelliteId: string;
  readonly run: RunInfo;
  readonly key: number;
}

export interface MergedHistory {
  /** The runs that can be shown without one ever appearing above them later, newest first. */
  readonly rows: ReadonlyArray<MergedRun>;
  /** Loaded runs held back until the satellites holding them load their next page. */
  readonly held: number;
  /** The satellites to load next: of those that still hold, the ones whose last loaded run is the newest. */
  readonly bottleneck: ReadonlyArray<string>;
}

/** True when `a` comes before `b`: newer first, ties by satellite id, so each stream keeps its own order. */
function before(a: MergedRun, b: MergedRun): boolean {
  return a.key > b.key || (a.key === b.key && a.satelliteId < b.satelliteId);
}

/**
 * The k-way merge of per-satellite pages by time, cut where a satellite with more to load could still put a run:
 * a run is shown only when it is newer than the last loaded run of every other satellite that still holds.
 */
export function mergeHistories(streams: ReadonlyArray<MergeStream>): MergedHistory {
  const positions = streams.map(() => 0);
  const merged: MergedRun[] = [];
  for (;;) {
    let best: { readonly stream: number; readonly row: MergedRun } | undefined;
    streams.forEach((stream, index) => {
      const next = stream.runs[positions[index] ?? 0];
      if (!next) return;
      const row: MergedRun = { satelliteId: stream.satelliteId, run: next.run, key: next.key };
      if (!best || before(row, best.row)) best = { stream: index, row };
    });
    if (!best) break;
    positions[best.stream] = (positions[best.stream] ?? 0) + 1;
    merged.push(best.row);
  }

  const frontiers = streams.filter((stream) => stream.holds && stream.runs.length > 0).map((stream) => ({ satelliteId: stream.satelliteId, last: stream.runs.at(-1) as KeyedRun }));
  const blocked = (row: MergedRun) =>
    frontiers.some((frontier) => frontier.satelliteId !== row.satelliteId && !before(row, { satelliteId: frontier.satelliteId, run: frontier.last.run, key: frontier.last.key }));
  const cut = merged.findIndex(blocked);
  const rows = cut < 0 ? merged : merged.slice(0, cut);
  const newest = frontiers.reduce((top, frontier) => Math.max(top, frontier.last.key), Number.NEGATIVE_INFINITY);
  return {
    rows,
    held: merged.length - rows.length,
    bottleneck: frontiers.filter((frontier) => frontier.last.key === newest).map((frontier) => frontier.satelliteId),
  };
}
