import type { Command } from 'commander';
import type { RunStatus } from '@taskomatic/shared';
import { listRuns, type RunView } from '../db/repos/runs-repo.js';
import { formatDuration } from '../engine/format-duration.js';
import { DATA_OPTION_HELP, type DataDirOptions, dataDirOf } from './data-dir.js';
import { positiveInt, runStatuses } from './option-parsers.js';
import { withReadDatabase } from './read-database.js';
import { cell, formatTable } from './table.js';
import { isoOrNull } from './time-format.js';

interface RunsOptions extends DataDirOptions {
  readonly json?: boolean;
  readonly limit: number;
  readonly schedule?: number;
  readonly bunch?: string;
  readonly task?: string;
  readonly status?: ReadonlyArray<RunStatus>;
}

/** Widest status reason in the table; `--json` has them whole. */
const REASON_WIDTH = 50;

/** Adds `runs` to the program. */
export function addRunsCommand(program: Command): void {
  program
    .command('runs')
    .description('list task runs, newest first (read-only; works beside a running server)')
    .option('--data <dir>', DATA_OPTION_HELP)
    .option('--config <file>', 'configuration file whose dataDir to read (when --data is not given)')
    .option('--limit <n>', 'at most this many runs', positiveInt, 50)
    .option('--schedule <id>', 'only runs of this schedule (its id, see `schedules --json`)', positiveInt)
    .option('--bunch <name>', 'only runs of this bunch')
    .option('--task <name>', 'only runs of this task')
    .option('--status <statuses>', 'only runs in these statuses, comma-separated (e.g. FAILED,TIMED_OUT)', runStatuses)
    .option('--json', 'print a JSON array (instants as ISO 8601 UTC, or null)')
    .action(runsCommand);
}

async function runsCommand(options: RunsOptions): Promise<void> {
  const runs = await withReadDatabase(dataDirOf(options), (database) =>
    listRuns(database.db, {
      scheduleId: options.schedule,
      bunch: options.bunch,
      task: options.task,
      statuses: options.status,
      limit: options.limit,
    }),
  );
  if (options.json) {
    process.stdout.write(`${JSON.stringify(runs.map(runJson), null, 2)}\n`);
    return;
  }
  if (runs.length === 0) {
    process.stdout.write('No runs.\n');
    return;
  }
  const rows = runs.map((r) => [
    String(r.id),
    r.status,
    cell(isoOrNull(r.dueAt)),
    cell(isoOrNull(r.startTime)),
    cell(r.startTime !== null && r.endTime !== null ? formatDuration(r.endTime - r.startTime) : null),
    cell(r.exitCode),
    cell(r.bunch),
    cell(r.task),
    cell(r.scheduleLabel ?? (r.scheduleId === null ? `(${r.trigger})` : `#${r.scheduleId}`)),
    cell(r.statusReason, REASON_WIDTH),
  ]);
  process.stdout.write(formatTable(['ID', 'STATUS', 'DUE (UTC)', 'START (UTC)', 'TOOK', 'EXIT', 'BUNCH', 'TASK', 'SCHEDULE', 'REASON'], rows));
}

/** A task run as `--json` prints it: snake_case like the database and the API, instants as ISO 8601 UTC. */
export function runJson(r: RunView) {
  return {
    id: r.id,
    bunch_run_id: r.bunchRunId,
    schedule_id: r.scheduleId,
    schedule_label: r.scheduleLabel,
    bunch: r.bunch,
    org_id: r.orgId,
    position: r.position,
    task: r.task,
    status: r.status,
    status_reason: r.statusReason,
    trigger: r.trigger,
    due_time: isoOrNull(r.dueAt),
    start_time: isoOrNull(r.startTime),
    end_time: isoOrNull(r.endTime),
    exit_code: r.exitCode,
    stdout_bytes: r.stdoutBytes,
    stderr_bytes: r.stderrBytes,
    stdout_dropped: r.stdoutDropped,
    stderr_dropped: r.stderrDropped,
    fire_count: r.fireCount,
  };
}
