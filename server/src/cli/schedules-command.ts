import { listSchedules, type ScheduleView } from '../db/repos/schedules-repo.js';
import { type DataDirOptions, storeOf } from './data-dir.js';
import { withReadDatabase } from './read-database.js';
import { cell, formatTable } from './table.js';
import { isoOrNull, isoUtc } from './time-format.js';

/** Options of `schedules`, as the program declares them. */
export interface SchedulesOptions extends DataDirOptions {
  readonly json?: boolean;
  readonly all?: boolean;
}

/** `taskomatic-server schedules`: the schedules with their next fire times, as a table or as JSON. */
export async function schedulesCommand(options: SchedulesOptions): Promise<void> {
  const schedules = await withReadDatabase(storeOf(options), (database) =>
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
