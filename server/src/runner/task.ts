import type { ParameterValues, TaskInfo } from '@taskomatic/shared';
import type { Clock } from '../engine/clock.js';

/** Where a running task's output goes: straight into the log store, as it comes. */
export interface TaskOutput {
  write(stream: 'stdout' | 'stderr', data: Uint8Array | string): void;
}

/** Why a task was told to stop; the engine turns it into the run's status. */
export type StopReason = 'cancel' | 'timeout' | 'shutdown';

/** Everything a task receives to run once. */
export interface TaskExecution {
  readonly taskRunId: number;
  readonly params: ParameterValues;
  /** The org the run belongs to; null for satellite-level work. */
  readonly orgId: number | null;
  readonly output: TaskOutput;
  /** Aborted with a `StopReason` when the run must stop. */
  readonly signal: AbortSignal;
  readonly clock: Clock;
  /**
   * A command tells the process (group) id it started, so that a server restarted after a crash can stop
   * what its predecessor left running.
   */
  readonly reportProcess?: (pid: number) => void;
}

/** How a task ended, before the engine turns it into a status. */
export interface TaskResult {
  /** Exit code of a command (0 for a built-in that returned). */
  readonly exitCode: number | null;
  /** Signal that ended a command, e.g. 'SIGKILL'. */
  readonly signal: string | null;
  /** Why it failed, in words (spawn error, exception of a built-in); null on success. */
  readonly error: string | null;
}

/** A task of the catalog that can run. */
export interface RunnableTask extends TaskInfo {
  run(execution: TaskExecution): Promise<TaskResult>;
}
