import type { RunStatus } from '@taskomatic/shared';
import { listRuns, type RunView } from '../db/repos/runs-repo.js';
import { formatDuration } from '../engine/format-duration.js';
import { type DataDirOptions, storeOf } from './data-dir.js';
import { withReadDatabase } from './read-database.js';
import { cell, formatTable } from './table.js';
import { isoOrNull } from './time-format.js';

/** Options of `runs`, as the program declares them. */
export interface RunsOptions extends DataDirOptions {
  readonly json?: boolean;
  readonly limit: number;
  readonly schedule?: number;
  readonly bunch?: string;
  readonly task?: string;
  readonly status?: ReadonlyArray<RunStatus>;
}

/** Widest status reason in the table; `--json` has them whole. */
const REASON_WIDTH = 50;

/** `taskomatic-server runs`: task runs, newest first, as a table or as JSON. */
export async function runsCommand(options: RunsOptions): Promise<void> {
  const runs = await withReadDatabase(storeOf(options), (database) =>
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
