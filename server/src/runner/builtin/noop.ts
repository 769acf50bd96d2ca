import { builtinTask, say } from './builtin-task.js';

/** Does nothing and records that it ran: for checking a new schedule, and for measuring the scheduler. */
export function noopTask() {
  return builtinTask({
    name: 'noop',
    description: 'Does nothing and records that it ran: for checking a schedule, and for measuring the scheduler',
    parallelizable: true,
    timeoutMs: 60_000,
    scope: 'any',
    async body(execution) {
      say(execution, 'nothing to do');
    },
  });
}
