import { accessSync, constants, statSync } from 'node:fs';
import type { Clock } from '../../engine/clock.js';
import type { RunnableTask, TaskExecution, TaskResult } from '../task.js';
import { renderArgs } from './arg-template.js';
import { toTaskParameters, type CommandTaskConfig } from './command-task-config.js';
import { runProcess } from './process-runner.js';

/** Whether a command task can run here, with the reason when it cannot (as `TaskInfo` lists it). */
export interface Availability {
  readonly available: boolean;
  readonly unavailableReason: string | null;
}

/** What a command task needs besides its configuration. */
export interface CommandTaskDeps {
  /** Replaces the clock of each execution for the kill timers (default: the execution's clock). */
  readonly clock?: Clock | undefined;
}

/**
 * Makes a runnable task of one command task of the configuration. Availability is checked once, here: a task
 * whose program is missing is listed as unavailable with the reason (re-check with `checkAvailability`).
 * Parameter values are validated by the engine before `run`; `run` renders the argument template and runs the
 * program, and resolves (never rejects) with how it ended.
 */
export function createCommandTask(name: string, config: CommandTaskConfig, deps: CommandTaskDeps = {}): RunnableTask {
  const { available, unavailableReason } = checkAvailability(config.executable, name);
  const executable = config.executable;
  return Object.freeze({
    name,
    description: config.description,
    kind: 'command',
    parallelizable: config.parallelizable,
    maxParallel: config.parallelizable ? (config.maxParallel ?? null) : 1,
    timeoutMs: config.timeout,
    scope: config.scope,
    parameters: Object.freeze(toTaskParameters(config)),
    available,
    unavailableReason,
    async run(execution: TaskExecution): Promise<TaskResult> {
      if (executable === null) return { exitCode: null, signal: null, error: unavailableReason };
      let args: string[];
      try {
        args = renderArgs(config.args, execution.params);
      } catch (error) {
        return { exitCode: null, signal: null, error: `the arguments could not be built: ${(error as Error).message}` };
      }
      const result = await runProcess({
        executable,
        args,
        env: config.env,
        cwd: config.workingDirectory,
        output: execution.output,
        signal: execution.signal,
        killGraceMs: config.killGrace,
        clock: deps.clock ?? execution.clock,
        onStart: (pid) => execution.reportProcess?.(pid),
      });
      return { exitCode: result.exitCode, signal: result.signal, error: result.error };
    },
  } satisfies RunnableTask);
}

/**
 * Checks that `executable` is configured, exists, is a file and may be executed by this server's user.
 * `taskName` appears in the hint given when no executable is configured.
 */
export function checkAvailability(executable: string | null, taskName = 'NAME'): Availability {
  if (executable === null) {
    return unavailable(`no executable configured; set tasks.${taskName}.executable in the configuration`);
  }
  let isDirectory: boolean;
  try {
    isDirectory = statSync(executable).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return unavailable(
      code === 'ENOENT' || code === 'ENOTDIR'
        ? `executable ${executable} does not exist`
        : `executable ${executable} cannot be examined: ${(error as Error).message}`,
    );
  }
  if (isDirectory) return unavailable(`executable ${executable} is a directory`);
  try {
    accessSync(executable, constants.X_OK);
  } catch {
    return unavailable(`executable ${executable} is not executable by this server's user`);
  }
  return { available: true, unavailableReason: null };
}

function unavailable(reason: string): Availability {
  return { available: false, unavailableReason: reason };
}
