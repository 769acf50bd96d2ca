import type { IpcErrorInfo } from '@taskomatic/shared/ipc';

/** What a stream's loading has come to, as the viewer's state needs it. */
export interface StreamFacts {
  readonly status: 'loading' | 'ready' | 'error';
  readonly loaded: boolean;
  readonly size: number;
  readonly dropped: number;
  readonly complete: boolean;
  readonly error?: IpcErrorInfo;
}

/**
 * The state the whole viewer shows instead of its panes:
 * - `waiting`: the run has not written anything yet (it may not have started);
 * - `empty`: it ended without output;
 * - `purged`: the run and its log were removed by the retention setting;
 * - `offline`: the satellite cannot be reached (nothing loaded before);
 * - `denied`: not permitted, or no such run;
 * - `loading` / `error`: the first read is under way, or failed otherwise.
 * Undefined: there is output to show.
 */
export type ViewerState = 'waiting' | 'empty' | 'purged' | 'offline' | 'denied' | 'loading' | 'error';

const DAY_MS = 86_400_000;

/**
 * The viewer's state from its shown streams. `endTime` is when the run ended and `retentionDays` how long the
 * satellite keeps runs: a run that is not found and ended longer ago than that was removed by retention.
 */
export function viewerStateOf(streams: ReadonlyArray<StreamFacts>, reachable: boolean, endTime: Date | undefined, retentionDays: number | undefined, now: number): ViewerState | undefined {
  const fault = streams.find((item) => item.error?.kind === 'fault')?.error?.fault;
  if (fault === 'NOT_FOUND') return removedByRetention(endTime, retentionDays, now) ? 'purged' : 'denied';
  if (fault === 'PERMISSION_DENIED') return 'denied';
  if (streams.some((item) => item.loaded && (item.size > 0 || item.dropped > 0))) return undefined;
  if (streams.every((item) => item.loaded)) return streams.every((item) => item.complete) ? 'empty' : 'waiting';
  if (!reachable || streams.some((item) => item.error && item.error.kind !== 'fault' && item.error.kind !== 'internal' && item.error.kind !== 'invalid')) return 'offline';
  if (streams.some((item) => item.status === 'error')) return 'error';
  return 'loading';
}

/** True when a run that ended at `endTime` is past the retention: the satellite has removed it. */
export function removedByRetention(endTime: Date | undefined, retentionDays: number | undefined, now: number): boolean {
  if (!endTime || retentionDays === undefined) return false;
  return now - endTime.getTime() >= retentionDays * DAY_MS;
}

/** When the retention removed (or will remove) a run that ended at `endTime`. */
export function removalTime(endTime: Date, retentionDays: number): Date {
  return new Date(endTime.getTime() + retentionDays * DAY_MS);
}
