import { type OccurrenceException, type RunTrigger, type ScheduledFire, nextScheduledFire, scheduledFires } from '@taskomatic/shared';
import { parseParams } from './claimer.js';
import type { RecoveryDeps } from './recovery.js';
import type { ScheduleRow } from './recovery-store.js';
import { type BunchRunRecord, newBunchRun } from './run-record.js';
import type { NextFireChange } from './run-recorder.js';
import { timingOf } from './schedule-timing.js';

/** Missed fires of one schedule recorded one by one; older ones are counted on one record. */
const MISSED_RECORDS_PER_SCHEDULE = 100;
/** Missed fires looked at per schedule (an every-second schedule down for a week has 600,000). */
const MISSED_SCAN_LIMIT = 100_000;

export interface MissedFire {
  readonly at: number;
  readonly trigger: RunTrigger;
  /** The READY record claimed before the stop, when there is one. */
  readonly record: BunchRunRecord | null;
}

export interface SettledSchedule {
  readonly next: NextFireChange;
  /** Fires to record MISSED, oldest first. */
  readonly missed: ReadonlyArray<MissedFire>;
  /** The fire to run once now, under RUN_ONCE. */
  readonly catchUp: MissedFire | null;
}

/**
 * What a schedule missed while the server was down (its claimed fires that never started, and the fires
 * that passed since its stored next fire), what to catch up, and its next fire after `after`.
 */
export function settleSchedule(
  row: ScheduleRow,
  exceptions: ReadonlyArray<OccurrenceException>,
  claimed: ReadonlyArray<MissedFire>,
  options: { readonly now: number; readonly after: number; readonly graceMs: number },
): SettledSchedule {
  const timing = timingOf(row);
  const fires: MissedFire[] = [...claimed];
  if (row.next_fire_at !== null && row.next_fire_at < options.now) {
    const passed = scheduledFires(timing, exceptions, row.next_fire_at, options.now, MISSED_SCAN_LIMIT);
    fires.push(...passed.fires.map((f: ScheduledFire) => ({ at: f.at, trigger: f.trigger, record: null })));
  }
  fires.sort((a, b) => a.at - b.at);
  const following = nextScheduledFire(timing, exceptions, options.after);
  const next: NextFireChange = following
    ? { scheduleId: row.id, nextFireAt: following.at, ended: null }
    : { scheduleId: row.id, nextFireAt: null, ended: { at: options.now, reason: 'nothing is left to fire' } };
  const latest = fires.at(-1);
  const catchUp = latest && row.misfire_policy === 'RUN_ONCE' && options.now - latest.at <= options.graceMs ? latest : null;
  return { next, missed: catchUp ? fires.slice(0, -1) : fires, catchUp };
}

/** Records missed fires: the latest ones one by one, anything older counted on one record. */
export async function recordMissed(deps: RecoveryDeps, row: ScheduleRow, fires: ReadonlyArray<MissedFire>): Promise<number> {
  if (fires.length === 0) return 0;
  await deps.ids.reserve('task_runs', Math.min(fires.length, MISSED_RECORDS_PER_SCHEDULE) + 1);
  const reason = 'the server was not running when it was due (misfire policy ' + row.misfire_policy + ')';
  const individual = fires.slice(-MISSED_RECORDS_PER_SCHEDULE);
  const older = fires.slice(0, fires.length - individual.length);
  // Claimed records among the older fires are folded into the summary record.
  for (const fire of older) if (fire.record) deps.recorder.deleteBunchRun(fire.record.id);
  const first = older[0];
  const last = older.at(-1);
  if (first && last) {
    const summary = await newRecord(deps, row, first.at, 'cron');
    if (summary) {
      summary.fireCount = older.length;
      summary.lastFireAt = last.at;
      deps.executor.closeUnstarted(
        summary,
        'MISSED',
        `${older.length} fires from ${new Date(first.at).toISOString()} to ${new Date(last.at).toISOString()} missed: ${reason}`,
      );
    }
  }
  for (const fire of individual) {
    const record = fire.record ?? (await newRecord(deps, row, fire.at, fire.trigger));
    if (record) deps.executor.closeUnstarted(record, 'MISSED', reason);
  }
  return fires.length;
}

export async function newRecord(deps: RecoveryDeps, row: ScheduleRow, dueAt: number, trigger: RunTrigger): Promise<BunchRunRecord | null> {
  const bunch = deps.bunches.get(row.bunch_id);
  if (!bunch) return null;
  await deps.ids.reserve('bunch_runs', 1);
  return newBunchRun({ id: deps.ids.take('bunch_runs'), scheduleId: row.id, bunch, orgId: row.org_id, trigger, dueAt, params: parseParams(row.params) });
}

