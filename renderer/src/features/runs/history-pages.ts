import type { RunInfo } from '@taskomatic/shared';
import { insertRuns, keyPage, type KeyedRun } from './run-order';

/** A page of `runs.list`: newest first by task-run id. */
export interface RunPage {
  readonly runs: ReadonlyArray<RunInfo>;
  readonly nextCursor?: number;
}

/** One satellite's loaded history. */
export interface HistoryData {
  /** Newest first (the server's order), with merge keys. */
  readonly runs: ReadonlyArray<KeyedRun>;
  /** Where the next older page starts; absent once everything is loaded. */
  readonly nextCursor?: number;
  /** Why this satellite can have no run for the filter (an org it does not have). */
  readonly none?: string;
}

/** The history after its first page. */
export function firstPage(page: RunPage): HistoryData {
  return { runs: keyPage(page.runs), ...(page.nextCursor !== undefined ? { nextCursor: page.nextCursor } : {}) };
}

/** The history with its next older page at the end (keys capped so the runs already there never move). */
export function appendPage(history: HistoryData, page: RunPage): HistoryData {
  const known = new Set(history.runs.map((item) => item.run.id));
  const older = keyPage(
    page.runs.filter((run) => !known.has(run.id)),
    history.runs.at(-1)?.key,
  );
  return { runs: [...history.runs, ...older], ...(page.nextCursor !== undefined ? { nextCursor: page.nextCursor } : {}) };
}

/**
 * The history after its newest page was read again (a live change). Runs in the page replace theirs in place
 * (a status changed) and keep their place; new ones go on top. Loaded runs in the range the page covers that it
 * no longer has stopped matching the filter (a RUNNING filter and the run ended) or were removed: they go.
 * When even the newest page holds only runs newer than everything loaded, too much happened to stitch the two
 * together: the history starts over from that page.
 */
export function applyHeadPage(history: HistoryData, page: RunPage): HistoryData {
  const newestLoaded = history.runs[0]?.run.id ?? 0;
  const oldestInPage = page.runs.reduce((lowest, run) => Math.min(lowest, run.id), Number.POSITIVE_INFINITY);
  if (page.nextCursor !== undefined && oldestInPage > newestLoaded) return firstPage(page);
  const fresh = new Map(page.runs.map((run) => [run.id, run]));
  const covers = (id: number) => page.nextCursor === undefined || id >= oldestInPage;
  const kept = history.runs
    .filter((item) => !covers(item.run.id) || fresh.has(item.run.id))
    .map((item) => {
      const run = fresh.get(item.run.id);
      return run && !sameRun(run, item.run) ? { run, key: item.key } : item;
    });
  const known = new Set(kept.map((item) => item.run.id));
  const runs = insertRuns(
    kept,
    page.runs.filter((run) => !known.has(run.id)),
  );
  const nextCursor = page.nextCursor === undefined ? undefined : history.nextCursor;
  const unchanged = nextCursor === history.nextCursor && runs.length === history.runs.length && runs.every((item, index) => item === history.runs[index]);
  return unchanged ? history : { runs, ...(nextCursor !== undefined ? { nextCursor } : {}), ...(history.none ? { none: history.none } : {}) };
}

/**
 * The history with these task runs (the steps of one bunch run, read again) changed in place, where loaded: for a
 * run too old to be in the newest page, whose status changed (a long sync that ended).
 */
export function replaceRuns(history: HistoryData, runs: ReadonlyArray<RunInfo>): HistoryData {
  const fresh = new Map(runs.map((run) => [run.id, run]));
  let changed = false;
  const next = history.runs.map((item) => {
    const run = fresh.get(item.run.id);
    if (!run || sameRun(run, item.run)) return item;
    changed = true;
    return { run, key: item.key };
  });
  return changed ? { ...history, runs: next } : history;
}

/** The bunch runs of these that have a loaded task run older than the newest page (which the page cannot update). */
export function beyondPage(history: HistoryData, page: RunPage, bunchRunIds: ReadonlySet<number>): ReadonlyArray<number> {
  if (page.nextCursor === undefined) return [];
  const oldestInPage = page.runs.reduce((lowest, run) => Math.min(lowest, run.id), Number.POSITIVE_INFINITY);
  const found = new Set<number>();
  for (const item of history.runs) if (item.run.id < oldestInPage && bunchRunIds.has(item.run.bunchRunId)) found.add(item.run.bunchRunId);
  return [...found];
}

/** True when two reads of a run say the same (so the row showing it need not be drawn again). */
export function sameRun(a: RunInfo, b: RunInfo): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as Array<keyof RunInfo>);
  for (const key of keys) {
    const x = a[key];
    const y = b[key];
    if (x instanceof Date && y instanceof Date ? x.getTime() !== y.getTime() : x !== y) return false;
  }
  return true;
}
