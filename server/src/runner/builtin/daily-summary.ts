import type { Kysely } from 'kysely';
import type { Settings } from '../../db/repos/settings-repo.js';
import type { Tables } from '../../db/tables.js';
import { formatDuration } from '../../engine/format-duration.js';
import { builtinTask, say } from './builtin-task.js';
import { DAY_PARAMETER, dayOfRun } from './report-day.js';

/** Failed runs listed one by one in the report; more are counted. */
const LISTED_FAILURES = 20;

/**
 * Writes the daily summary of one day (default: yesterday) to its log: runs per task and outcome, time spent,
 * and the failures worth a look. Reads what summary-population stored; fails when that day was not summarised.
 */
export function dailySummaryTask(db: Kysely<Tables>, settings: () => Settings) {
  return builtinTask({
    name: 'daily-summary',
    description: "Writes the summary of yesterday's runs: outcomes per task, time spent, failures",
    parallelizable: false,
    timeoutMs: 30 * 60_000,
    scope: 'satellite',
    parameters: [DAY_PARAMETER],
    async body(execution) {
      const { zone, day, start, end } = dayOfRun(settings, execution);
      const rows = await db.selectFrom('daily_summaries').selectAll().where('day', '=', day).orderBy('task').orderBy('status').execute();
      if (rows.length === 0) {
        const anyRun = await db.selectFrom('task_runs').select('id').where('ended_at', '>=', start).where('ended_at', '<', end).executeTakeFirst();
        if (anyRun) throw new Error(`${day} has runs but no summary: run summary-population for that day first`);
      }
      say(execution, `Daily summary for ${day} (${zone})`);
      if (rows.length === 0) {
        say(execution, 'No task run ended that day.');
        return;
      }
      const byTask = new Map<string, Array<(typeof rows)[number]>>();
      for (const r of rows) byTask.set(r.task, [...(byTask.get(r.task) ?? []), r]);
      let runs = 0;
      let failed = 0;
      for (const [task, statuses] of byTask) {
        const parts = statuses.map((s) => `${s.runs} ${s.status}`).join(', ');
        const spent = statuses.reduce((sum, s) => sum + Number(s.total_ms), 0);
        const longest = statuses.reduce((max, s) => Math.max(max, Number(s.max_ms)), 0);
        say(execution, `  ${task}: ${parts}; ${formatDuration(spent)} in all, longest ${formatDuration(longest)}`);
        runs += statuses.reduce((sum, s) => sum + Number(s.runs), 0);
        failed += statuses.filter((s) => s.status === 'FAILED' || s.status === 'TIMED_OUT').reduce((sum, s) => sum + Number(s.runs), 0);
      }
      say(execution, `Total: ${runs} task runs, ${failed} failed or timed out.`);
      if (failed === 0) return;
      const failures = await db
        .selectFrom('task_runs as t')
        .innerJoin('bunch_runs as b', 'b.id', 't.bunch_run_id')
        .select(['t.id', 't.task', 't.status', 't.status_reason', 't.ended_at', 'b.schedule_id'])
        .where('t.ended_at', '>=', start)
        .where('t.ended_at', '<', end)
        .where('t.status', 'in', ['FAILED', 'TIMED_OUT'])
        .orderBy('t.ended_at')
        .limit(LISTED_FAILURES)
        .execute();
      say(execution, 'Failures:');
      for (const f of failures) {
        say(
          execution,
          `  run ${f.id} ${f.task} ${f.status} at ${new Date(Number(f.ended_at)).toISOString()}` +
            `${f.schedule_id === null ? '' : ` (schedule ${f.schedule_id})`}: ${f.status_reason ?? 'no reason recorded'}`,
        );
      }
      if (failed > failures.length) say(execution, `  ... and ${failed - failures.length} more`);
    },
  });
}
