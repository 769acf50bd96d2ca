import type { Command } from 'commander';
import { listSchedules, type ScheduleView } from '../db/repos/schedules-repo.js';
import { DATA_OPTION_HELP, type DataDirOptions, dataDirOf } from './data-dir.js';
import { withReadDatabase } from './read-database.js';
import { cell, formatTable } from './table.js';
import { isoOrNull, isoUtc } from './time-format.js';

interface SchedulesOptions extends DataDirOptions {
  readonly json?: boolean;
  readonly all?: boolean;
}

/** Adds `schedules` to the program. */
export function addSchedulesCommand(program: Command): void {
  program
    .command('schedules')
    .description('list the active schedules with their next fire times, by label (read-only; works beside a running server)')
    .option('--data <dir>', DATA_OPTION_HELP)
    .option('--config <file>', 'configuration file whose dataDir to read (when --data is not given)')
    .option('--all', 'include ended schedules (unscheduled, past their window, one-time runs that fired)')
    .option('--json', 'print a JSON array (instants as ISO 8601 UTC, or null)')
    .action(schedulesCommand);
}

async function schedulesCommand(options: SchedulesOptions): Promise<void> {
  const schedules = await withReadDatabase(dataDirOf(options), (database) =>
    listSchedules(database.db, { activeOnly: !options.all }),
  );
  if (options.json) {
    process.stdout.write(`${JSON.stringify(schedules.map(scheduleJson), null, 2)}\n`);
    return;
  }
  if (schedules.length === 0) {
    process.stdout.write(options.all ? 'No schedules.\n' : 'No active schedules (--all lists ended ones too).\n');
    return;
  }
  const now = Date.now();
  const rows = schedules.map((s) => [
    cell(s.label),
    cell(scopeOf(s)),
    cell(s.bunch),
    cell(s.kind === 'once' ? `once ${s.runAt === null ? '?' : isoUtc(s.runAt)}` : s.cron),
    cell(s.timeZone),
    cell(nextFireText(s, now), 60),
  ]);
  process.stdout.write(formatTable(['LABEL', 'SCOPE', 'BUNCH', 'CRON', 'ZONE', 'NEXT FIRE (UTC)'], rows));
}

/** A schedule as `--json` prints it: snake_case like the database and the API, instants as ISO 8601 UTC. */
export function scheduleJson(s: ScheduleView) {
  return {
    id: s.id,
    label: s.label,
    bunch: s.bunch,
    org_id: s.orgId,
    org: s.org,
    kind: s.kind,
    cron_expr: s.cron,
    time_zone: s.timeZone,
    run_at: isoOrNull(s.runAt),
    active_from: isoOrNull(s.activeFrom),
    active_till: isoOrNull(s.activeTill),
    paused: s.paused,
    pause_reason: s.pauseReason,
    next_fire_time: isoOrNull(s.nextFireAt),
    ended_at: isoOrNull(s.endedAt),
    end_reason: s.endReason,
    overlap_policy: s.overlapPolicy,
    misfire_policy: s.misfirePolicy,
    params: s.params,
    version: s.version,
  };
}

/** "satellite" for satellite-level work, else the org's name (its id if the org row is gone). */
function scopeOf(s: ScheduleView): string {
  if (s.orgId === null) return 'satellite';
  return s.org ?? `org ${s.orgId}`;
}

/**
 * The next fire as the server has it. Ended and paused schedules say why they will not fire. A next fire in
 * the past means no server has been running to fire it: the server deals with it (misfire policy) on start.
 */
function nextFireText(s: ScheduleView, now: number): string {
  if (s.endedAt !== null) return `ended: ${s.endReason ?? 'no reason recorded'}`;
  if (s.paused) return `paused: ${s.pauseReason ?? 'no reason given'}`;
  if (s.nextFireAt === null) return 'none';
  const past = s.nextFireAt < now - PAST_MARGIN_MS;
  return past ? `${isoUtc(s.nextFireAt)} (past: server not running?)` : isoUtc(s.nextFireAt);
}

/** A running server claims fires a moment before they are due; only a fire older than this is worth a remark. */
const PAST_MARGIN_MS = 60_000;
