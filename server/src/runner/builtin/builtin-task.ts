import type { TaskParameter, TaskScope } from '@taskomatic/shared';
import type { RunnableTask, TaskExecution, TaskResult } from '../task.js';

/** What a built-in task declares about itself. */
export interface BuiltinDefinition {
  readonly name: string;
  readonly description: string;
  readonly parallelizable: boolean;
  readonly timeoutMs: number;
  readonly scope: TaskScope;
  readonly parameters?: ReadonlyArray<TaskParameter>;
  /** The work. Writes what it did to `execution.output`; throws to fail; honours `execution.signal`. */
  readonly body: (execution: TaskExecution) => Promise<void>;
}

/** A built-in task as the catalog lists it: code inside the server, always available. */
export function builtinTask(definition: BuiltinDefinition): RunnableTask {
  return Object.freeze({
    name: definition.name,
    description: definition.description,
    kind: 'builtin' as const,
    parallelizable: definition.parallelizable,
    maxParallel: definition.parallelizable ? null : 1,
    timeoutMs: definition.timeoutMs,
    scope: definition.scope,
    parameters: Object.freeze([...(definition.parameters ?? [])]),
    available: true,
    unavailableReason: null,
    async run(execution: TaskExecution): Promise<TaskResult> {
      try {
        await definition.body(execution);
        return { exitCode: 0, signal: null, error: null };
      } catch (error) {
        const message = execution.signal.aborted
          ? `stopped: ${String(execution.signal.reason)}`
          : error instanceof Error
            ? error.message
            : String(error);
        execution.output.write('stderr', `${message}\n`);
        return { exitCode: 1, signal: null, error: message };
      }
    },
  });
}

/** Writes one line to the run's stdout. */
export function say(execution: TaskExecution, line: string): void {
  execution.output.write('stdout', `${line}\n`);
}

/** Lets other work run between batches, and stops when the run is told to. */
export async function pause(signal: AbortSignal): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  signal.throwIfAborted();
}
