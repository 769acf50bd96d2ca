import type { TaskParameter } from '@taskomatic/shared';
import type { RunnableTask, TaskExecution, TaskResult } from '../../src/runner/task.js';

/** A task the test controls: each run waits until the test releases it, then finishes or fails. */
export interface GateTask extends RunnableTask {
  /** Task run ids that started and have not been released, in order of start. */
  readonly waiting: ReadonlyArray<number>;
  /** Most runs seen going at once. */
  readonly peakConcurrent: number;
  /** Ends the oldest waiting run (or `taskRunId`) with success or failure. */
  release(outcome?: 'finish' | 'fail', taskRunId?: number): void;
}

export function gateTask(
  name: string,
  options: { parallelizable?: boolean; timeoutMs?: number; parameters?: TaskParameter[]; scope?: 'satellite' | 'org' | 'any' } = {},
): GateTask {
  const waiting: Array<{ id: number; resolve: (result: TaskResult) => void }> = [];
  let peak = 0;
  return {
    name,
    description: `test gate ${name}`,
    kind: 'builtin',
    parallelizable: options.parallelizable ?? true,
    maxParallel: options.parallelizable === false ? 1 : null,
    timeoutMs: options.timeoutMs ?? 24 * 3_600_000,
    scope: options.scope ?? 'any',
    parameters: options.parameters ?? [],
    available: true,
    unavailableReason: null,
    get waiting() {
      return waiting.map((w) => w.id);
    },
    get peakConcurrent() {
      return peak;
    },
    release(outcome = 'finish', taskRunId) {
      const index = taskRunId === undefined ? 0 : waiting.findIndex((w) => w.id === taskRunId);
      const entry = waiting.splice(index, 1)[0];
      if (!entry) throw new Error(`no run of ${name} is waiting${taskRunId === undefined ? '' : ` with id ${taskRunId}`}`);
      entry.resolve(outcome === 'finish' ? { exitCode: 0, signal: null, error: null } : { exitCode: 1, signal: null, error: 'failed on purpose' });
    },
    run(execution: TaskExecution): Promise<TaskResult> {
      execution.output.write('stdout', `started ${name} with ${JSON.stringify(execution.params)}\n`);
      return new Promise<TaskResult>((resolve) => {
        const entry = { id: execution.taskRunId, resolve };
        waiting.push(entry);
        peak = Math.max(peak, waiting.length);
        execution.signal.addEventListener('abort', () => {
          const i = waiting.indexOf(entry);
          if (i >= 0) waiting.splice(i, 1);
          resolve({ exitCode: null, signal: 'SIGTERM', error: null });
        });
      });
    },
  };
}

/** A built-in task of the tests' own: parallel, any scope, no parameters, running `run`. */
export function builtinTestTask(name: string, description: string, run: RunnableTask['run']): RunnableTask {
  return {
    name,
    description,
    kind: 'builtin',
    parallelizable: true,
    maxParallel: null,
    timeoutMs: 60_000,
    scope: 'any',
    parameters: [],
    available: true,
    unavailableReason: null,
    run,
  };
}

/** A task that ends at once with the given outcome. */
export function instantTask(name: string, outcome: 'finish' | 'fail' = 'finish'): RunnableTask {
  return builtinTestTask(name, `test task ${name} (${outcome})`, async (execution) => {
    execution.output.write(outcome === 'finish' ? 'stdout' : 'stderr', `${name} ${outcome}\n`);
    return outcome === 'finish' ? { exitCode: 0, signal: null, error: null } : { exitCode: 3, signal: null, error: null };
  });
}
