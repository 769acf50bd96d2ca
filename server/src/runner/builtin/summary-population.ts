import type { Kysely } from 'kysely';
import type { Settings } from '../../db/repos/settings-repo.js';
import type { Tables } from '../../db/tables.js';
import { builtinTask, say } from './builtin-task.js';
import { DAY_PARAMETER, dayOfRun } from './report-day.js';

/**
 * Counts the task runs that ended on one day (default: yesterday, in the satellite's zone) by task and status,
 * with their total and longest duration, into `daily_summaries`. Running it again for a day replaces that day.
 */
export function summaryPopulationTask(db: Kysely<Tables>, settings: () => Settings) {
  return builtinTask({
    name: 'summary-population',
    description: "Counts yesterday's task runs by task and status for the daily summary",
    parallelizable: false,
    timeoutMs: 30 * 60_000,
    scope: 'satellite',
    parameters: [DAY_PARAMETER],
    async body(execution) {
      const { zone, day, start, end } = dayOfRun(settings, execution);
      const rows = await db
        .selectFrom('task_runs')
        .select((eb) => [
          'task',
          'status',
          eb.fn.countAll<number>().as('runs'),
          eb.fn.sum<number>(eb('ended_at', '-', eb.ref('started_at'))).as('total_ms'),
          eb.fn.max<number>(eb('ended_at', '-', eb.ref('started_at'))).as('max_ms'),
        ])
        .where('ended_at', '>=', start)
        .where('ended_at', '<', end)
        .groupBy(['task', 'status'])
        .execute();
      const now = execution.clock.now();
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('daily_summaries').where('day', '=', day).execute();
        if (rows.length === 0) return;
        await trx
          .insertInto('daily_summaries')
          .values(
            rows.map((r) => ({
              day,
              task: r.task,
              status: r.status,
              runs: Number(r.runs),
              total_ms: Number(r.total_ms ?? 0),
              max_ms: Number(r.max_ms ?? 0),
              created_at: now,
            })),
          )
          .execute();
      });
      const total = rows.reduce((sum, r) => sum + Number(r.runs), 0);
      say(execution, `${day} (${zone}): ${total} task runs in ${rows.length} task/status groups summarised`);
    },
  });
}
