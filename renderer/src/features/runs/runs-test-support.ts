import type { RunInfo } from '@taskomatic/shared';

// Test support: only the unit tests beside it import it.

/** A run of history: step 1 of bunch run `id`, started at `minute` past midnight UTC (or never started). */
export function runAt(id: number, minute: number | undefined, extra: Partial<RunInfo> = {}): RunInfo {
  const at = minute === undefined ? undefined : new Date(Date.UTC(2026, 10, 28, 0, minute));
  return {
    id,
    bunchRunId: id,
    bunch: 'b',
    step: 1,
    task: 't',
    status: 'FINISHED',
    trigger: 'cron',
    dueTime: at ?? new Date(Date.UTC(2026, 10, 28)),
    ...(at ? { startTime: at } : {}),
    stdoutBytes: 0,
    stderrBytes: 0,
    droppedBytes: 0,
    fireCount: 1,
    ...extra,
  };
}

/** Minutes past midnight of a key. */
export function minuteOf(key: number): number {
  return (key - Date.UTC(2026, 10, 28)) / 60_000;
}
