import type { RunStatus } from '@taskomatic/shared';
import type { StopReason, TaskResult } from '../runner/task.js';

/** The status and reason of a task run that ended, from how it ended and why it was stopped (if it was). */
export function taskOutcome(
  result: TaskResult,
  stop: { readonly reason: StopReason; readonly detail: string } | null,
): { status: RunStatus; reason: string | null } {
  if (stop) {
    const how = result.signal ? ` (ended by ${result.signal})` : '';
    switch (stop.reason) {
      case 'cancel':
        return { status: 'CANCELLED', reason: `${stop.detail}${how}` };
      case 'timeout':
        return { status: 'TIMED_OUT', reason: `${stop.detail}${how}` };
      case 'shutdown':
        return { status: 'INTERRUPTED', reason: `${stop.detail}${how}` };
    }
  }
  if (result.error) return { status: 'FAILED', reason: result.error };
  if (result.signal) return { status: 'FAILED', reason: `killed by ${result.signal}` };
  if (result.exitCode !== 0) return { status: 'FAILED', reason: `exit code ${String(result.exitCode)}` };
  return { status: 'FINISHED', reason: null };
}

/**
 * The status of a bunch run whose steps are over: the first step that was cancelled, interrupted, failed or
 * timed out decides; a bunch whose executed steps all finished is FINISHED (skipped steps do not fail it).
 */
export function bunchOutcome(stepStatuses: ReadonlyArray<RunStatus>): RunStatus {
  for (const worst of ['INTERRUPTED', 'CANCELLED'] as const) if (stepStatuses.includes(worst)) return worst;
  if (stepStatuses.some((s) => s === 'FAILED' || s === 'TIMED_OUT')) return 'FAILED';
  if (stepStatuses.length > 0 && stepStatuses.every((s) => s === 'SKIPPED')) return 'SKIPPED';
  return 'FINISHED';
}
