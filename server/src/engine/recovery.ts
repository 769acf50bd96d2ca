import type { Kysely } from 'kysely';
import type { OverlapPolicy } from '@taskomatic/shared';
import type { IdAllocator } from '../db/id-allocator.js';
import type { Settings } from '../db/repos/settings-repo.js';
import type { Tables } from '../db/tables.js';
import type { Logger } from '../logger.js';
import type { BunchCache } from './bunch-cache.js';
import type { BunchExecutor } from './executor.js';
import { type MissedFire, type SettledSchedule, newRecord, recordMissed, settleSchedule } from './missed-fires.js';
import { interruptUnfinished, loadReady, loadSchedulesToSettle, stopLeftoverCommands } from './recovery-store.js';
import type { BunchRunRecord } from './run-record.js';
import type { RunRecorder } from './run-recorder.js';
import { loadExceptions } from './schedule-timing.js';

/** What recovery hands back to the engine. */
export interface RecoveryResult {
  /** READY runs to start when due (future claimed fires, catch-ups, late manual runs). */
  readonly pending: ReadonlyArray<{ readonly record: BunchRunRecord; readonly overlap: OverlapPolicy }>;
  readonly interrupted: number;
  readonly missed: number;
  readonly caughtUp: number;
}

export interface RecoveryDeps {
  readonly db: Kysely<Tables>;
  readonly recorder: RunRecorder;
  readonly ids: IdAllocator;
  readonly bunches: BunchCache;
  readonly executor: BunchExecutor;
  readonly logger: Logger;
  readonly settings: Settings;
  /** When the previous server process was last known alive (its heartbeat), if known. */
  readonly lastAlive: number | null;
  readonly now: number;
}

/**
 * Puts the database right after the server stopped, however it stopped (PRODUCT.md, "Restart"): runs left
 * RUNNING or POSTPONED become INTERRUPTED; fires that passed while it was down are recorded MISSED, and under
 * RUN_ONCE the latest one within the grace period runs once as a catch-up; schedules get their next fire.
 */
export async function recover(deps: RecoveryDeps): Promise<RecoveryResult> {
  const { db, now } = deps;
  await stopLeftoverCommands(deps);
  const interrupted = await interruptUnfinished(db, deps.lastAlive ?? now, now);
  const ready = await loadReady(deps);
  const pending: Array<{ record: BunchRunRecord; overlap: OverlapPolicy }> = [];
  const missedBySchedule = new Map<number, MissedFire[]>();
  let missed = 0;
  let caughtUp = 0;
  const graceMs = deps.settings.misfire_grace_seconds * 1000;

  for (const { record, overlap } of ready) {
    if (record.dueAt >= now) {
      pending.push({ record, overlap });
    } else if (record.scheduleId !== null && record.trigger !== 'manual') {
      const list = missedBySchedule.get(record.scheduleId) ?? [];
      list.push({ at: record.dueAt, trigger: record.trigger, record });
      missedBySchedule.set(record.scheduleId, list);
    } else if (now - record.dueAt <= graceMs) {
      record.note = `started late: the server was not running at ${new Date(record.dueAt).toISOString()}`;
      record.statusReason = record.note;
      pending.push({ record, overlap });
      caughtUp++;
    } else {
      await deps.ids.reserve('task_runs', 1);
      deps.executor.closeUnstarted(record, 'MISSED', 'the server was not running when it was due');
      missed++;
    }
  }

  // Fires claimed before the stop (READY, due or not): the schedule's next fire comes after the latest of them.
  const latestClaimed = new Map<number, number>();
  for (const { record } of ready) {
    if (record.scheduleId === null || record.trigger === 'manual') continue;
    latestClaimed.set(record.scheduleId, Math.max(latestClaimed.get(record.scheduleId) ?? 0, record.dueAt));
  }
  const rows = await loadSchedulesToSettle(db, now, [...missedBySchedule.keys()]);
  const earliest = rows.reduce((min, r) => Math.min(min, r.next_fire_at ?? now), now);
  const exceptions = await loadExceptions(db, rows.map((r) => r.id), earliest);
  for (const row of rows) {
    let settled: SettledSchedule;
    try {
      settled = settleSchedule(row, exceptions.get(row.id) ?? [], missedBySchedule.get(row.id) ?? [], {
        now,
        after: Math.max(now - 1, latestClaimed.get(row.id) ?? 0),
        graceMs,
      });
    } catch (error) {
      // A row edited by hand (an unknown zone, a cron that no longer parses): this schedule ends, the rest go on.
      const reason = `cannot evaluate the schedule: ${error instanceof Error ? error.message : String(error)}`;
      deps.recorder.setNextFire({ scheduleId: row.id, nextFireAt: null, ended: { at: now, reason } });
      deps.logger.error('schedule ended: its timing cannot be evaluated', { scheduleId: row.id, error: reason });
      continue;
    }
    deps.recorder.setNextFire(settled.next);
    missed += await recordMissed(deps, row, settled.missed);
    if (!settled.catchUp) continue;
    const record = settled.catchUp.record ?? (await newRecord(deps, row, settled.catchUp.at, 'catch-up'));
    if (!record) continue;
    record.trigger = 'catch-up';
    record.note = `catch-up of the fire due ${new Date(settled.catchUp.at).toISOString()}, missed while the server was not running`;
    record.statusReason = record.note;
    deps.recorder.saveBunchRun(record);
    pending.push({ record, overlap: row.overlap_policy as OverlapPolicy });
    caughtUp++;
  }
  await deps.recorder.commit();
  if (interrupted + missed + caughtUp > 0) {
    deps.logger.info('recovered after a stop', { interrupted, missed, caughtUp });
  }
  return { pending, interrupted, missed, caughtUp };
}

