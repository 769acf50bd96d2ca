import type { RunStatus, StartIf } from '@taskomatic/shared';

/** Statuses of a step that actually ran (it started, whatever its outcome). */
const RAN: ReadonlySet<RunStatus> = new Set<RunStatus>(['FINISHED', 'FAILED', 'TIMED_OUT']);

/** True when a step with this status counts as "actually ran" for the steps after it. */
export function stepRan(status: RunStatus): boolean {
  return RAN.has(status);
}

/**
 * Whether a step starts, given the status of the latest earlier step that actually ran (null when none ran).
 * Returns null when it starts, or the reason it is skipped.
 */
export function unmetCondition(startIf: StartIf, latestRan: { readonly position: number; readonly task: string; readonly status: RunStatus } | null): string | null {
  if (startIf === null) return null;
  if (!latestRan) return `start_if ${startIf}: no earlier step ran`;
  switch (startIf) {
    case 'FINISHED':
      return latestRan.status === 'FINISHED'
        ? null
        : `start_if FINISHED: step ${latestRan.position + 1} (${latestRan.task}) ended ${latestRan.status}`;
    case 'FAILED':
      return latestRan.status === 'FAILED' || latestRan.status === 'TIMED_OUT'
        ? null
        : `start_if FAILED: step ${latestRan.position + 1} (${latestRan.task}) ended ${latestRan.status}`;
    default:
      // A value the code does not know (a hand-edited row): the step does not run, and says why.
      return `start_if ${String(startIf satisfies never)} is not a condition this server knows (FINISHED or FAILED)`;
  }
}
