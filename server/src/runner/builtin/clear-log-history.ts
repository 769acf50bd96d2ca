import type { Kysely } from 'kysely';
import type { Settings } from '../../db/repos/settings-repo.js';
import type { Tables } from '../../db/tables.js';
import { builtinTask, pause, say } from './builtin-task.js';

/** Runs removed per transaction: small enough that the engine's own writes never wait long. */
const BATCH = 500;
const DAY_MS = 86_400_000;

/**
 * Removes runs (with their steps and logs) that ended longer ago than the retention setting (default: 7 days),
 * in small batches so the scheduler keeps writing meanwhile.
 */
export function clearLogHistoryTask(db: Kysely<Tables>, settings: () => Settings) {
  return builtinTask({
    name: 'clear-log-history',
    description: 'Removes runs and their logs older than the retention setting',
    parallelizable: false,
    timeoutMs: 2 * 60 * 60_000,
    scope: 'satellite',
    parameters: [
      {
        name: 'retention-days',
        type: 'integer',
        required: false,
        min: 1,
        max: 36500,
        description: 'Keep this many days instead of the retention setting',
      },
    ],
    async body(execution) {
      const days = Number(execution.params['retention-days'] ?? settings().retention_days);
      const cutoff = execution.clock.now() - days * DAY_MS;
      say(execution, `removing runs that ended before ${new Date(cutoff).toISOString()} (retention ${days} day${days === 1 ? '' : 's'})`);
      let runs = 0;
      let steps = 0;
      let logBytes = 0;
      for (;;) {
        const batch = await db
          .selectFrom('bunch_runs')
          .select('id')
          .where('ended_at', '<', cutoff)
          .orderBy('ended_at')
          .limit(BATCH)
          .execute();
        if (batch.length === 0) break;
        const ids = batch.map((r) => r.id);
        await db.transaction().execute(async (trx) => {
          const counted = await trx
            .selectFrom('task_runs')
            .select((eb) => [
              eb.fn.countAll<number>().as('steps'),
              eb.fn.sum<number>(eb('stdout_bytes', '+', eb.ref('stderr_bytes'))).as('bytes'),
            ])
            .where('bunch_run_id', 'in', ids)
            .executeTakeFirstOrThrow();
          steps += Number(counted.steps);
          logBytes += Number(counted.bytes ?? 0);
          // Task runs and log chunks go with their bunch run (ON DELETE CASCADE).
          await trx.deleteFrom('bunch_runs').where('id', 'in', ids).execute();
        });
        runs += ids.length;
        await pause(execution.signal);
      }
      say(execution, `removed ${runs} runs, ${steps} steps and ${logBytes} bytes of logs`);
    },
  });
}
