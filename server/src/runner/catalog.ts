import type { TaskInfo } from '@taskomatic/shared';
import type { RunnableTask } from './task.js';

/**
 * The tasks this server can run: its built-ins plus the command tasks of its configuration. Nothing else
 * can be run; the API only ever names tasks from here.
 */
export interface TaskCatalog {
  get(name: string): RunnableTask | undefined;
  list(): ReadonlyArray<RunnableTask>;
}

/** A catalog over a fixed list of tasks; a name used twice is a configuration mistake. */
export function createCatalog(tasks: ReadonlyArray<RunnableTask>): TaskCatalog {
  const byName = new Map<string, RunnableTask>();
  for (const task of tasks) {
    if (byName.has(task.name)) throw new Error(`Task ${task.name} is defined twice`);
    byName.set(task.name, task);
  }
  const sorted = Object.freeze([...byName.values()].sort((a, b) => a.name.localeCompare(b.name)));
  return { get: (name) => byName.get(name), list: () => sorted };
}

/** What the catalog tells about a task, without its code. */
export function taskInfo(task: RunnableTask): TaskInfo {
  return {
    name: task.name,
    description: task.description,
    kind: task.kind,
    parallelizable: task.parallelizable,
    maxParallel: task.maxParallel,
    timeoutMs: task.timeoutMs,
    scope: task.scope,
    parameters: task.parameters,
    available: task.available,
    unavailableReason: task.unavailableReason,
  };
}

/** How many runs of `task` may go at once: 1 when not parallelizable, else its bound (null: no bound). */
export function parallelLimit(task: TaskInfo): number | null {
  return task.parallelizable ? task.maxParallel : 1;
}
