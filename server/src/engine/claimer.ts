import type { Kysely } from 'kysely';
import { type OverlapPolicy, type ScheduledFire, nextScheduledFire } from '@taskomatic/shared';
import type { IdAllocator } from '../db/id-allocator.js';
import type { SchedulesTable, Tables } from '../db/tables.js';
import type { Logger } from '../logger.js';
import type { BunchCache } from './bunch-cache.js';
import type { Clock } from './clock.js';
import type { FireIndex } from './fire-index.js';
import { type BunchRunRecord, newBunchRun, newTaskRun } from './run-record.js';
import type { Settings } from '../db/repos/settings-repo.js';
import { formatDuration } from './format-duration.js';
import type { NextFireChange, RunRecorder } from './run-recorder.js';
import { FIRING_COLUMNS, loadExceptions, timingOf } from './schedule-timing.js';

/** A fire claimed this long after it was due is a misfire (Quartz's default threshold, too). */
const LATE_FIRE_MS = 60_000;

/** A fire claimed from a schedule: a READY bunch run, committed, waiting for its time. */
export interface ClaimedFire {
  readonly record: BunchRunRecord;
  readonly overlap: OverlapPolicy;
}

type ClaimRow = Pick<
  SchedulesTable,
  | 'label'
  | 'bunch_id'
  | 'org_id'
  | 'kind'
  | 'cron_expr'
  | 'time_zone'
  | 'run_at'
  | 'active_from'
  | 'active_till'
  | 'params'
  | 'overlap_policy'
  | 'misfire_policy'
  | 'paused'
  | 'next_fire_at'
  | 'ended_at'
> & { id: number };

/**
 * Turns the fires that come due within the claim horizon into READY bunch runs, and moves each schedule's
 * next fire forward, in one transaction. Claiming a little ahead of time takes the inserts off the moment a
 * fire is due: at that moment only the switch to RUNNING remains to be committed.
 */
export class FireClaimer {
  readonly #db: Kysely<Tables>;
  readonly #index: FireIndex;
  readonly #recorder: RunRecorder;
  readonly #ids: IdAllocator;
  readonly #bunches: BunchCache;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #settings: () => Settings;

  constructor(deps: {
    db: Kysely<Tables>;
    index: FireIndex;
    recorder: RunRecorder;
    ids: IdAllocator;
    bunches: BunchCache;
    clock: Clock;
    logger: Logger;
    settings: () => Settings;
  }) {
    this.#db = deps.db;
    this.#index = deps.index;
    this.#recorder = deps.recorder;
    this.#ids = deps.ids;
    this.#bunches = deps.bunches;
    this.#clock = deps.clock;
    this.#logger = deps.logger;
    this.#settings = deps.settings;
  }

  /** Claims up to `limit` schedules due at or before `horizon`. Returns the claimed fires, committed. */
  async claim(horizon: number, limit: number): Promise<ClaimedFire[]> {
    const due = this.#index.takeDue(horizon, limit);
    if (due.length === 0) return [];
    try {
      return await this.#claimDue(due);
    } catch (error) {
      // Nothing was claimed: the schedules go back into the index, to be tried again.
      for (const { key, at } of due) if (this.#index.get(key) === undefined) this.#index.set(key, at);
      throw error;
    }
  }

  async #claimDue(due: ReadonlyArray<{ key: number; at: number }>): Promise<ClaimedFire[]> {
    const ids = due.map((d) => d.key);
    const rows = await this.#loadRows(ids);
    const exceptions = await loadExceptions(this.#db, ids, Math.min(...due.map((d) => d.at)));
    await this.#ids.reserve('bunch_runs', due.length);
    await this.#ids.reserve('task_runs', due.length);
    const claimed: ClaimedFire[] = [];
    const reindex: Array<[number, number]> = [];
    for (const { key: id, at } of due) {
      const row = rows.get(id);
      if (!row || row.ended_at !== null || row.paused === 1 || row.next_fire_at === null) continue;
      if (Number(row.next_fire_at) !== at) {
        // The index was behind the row (an edit raced the claim): follow the row.
        reindex.push([id, Number(row.next_fire_at)]);
        continue;
      }
      const result = this.#claimOne(id, row, at, exceptions.get(id) ?? []);
      if (result.fire) claimed.push(result.fire);
      this.#recorder.setNextFire(result.next);
      if (result.next.nextFireAt !== null) reindex.push([id, result.next.nextFireAt]);
    }
    await this.#recorder.commit();
    for (const [id, at] of reindex) this.#index.set(id, at);
    return claimed;
  }

  #claimOne(
    id: number,
    row: ClaimRow,
    at: number,
    exceptions: Parameters<typeof nextScheduledFire>[1],
  ): { fire: ClaimedFire | null; next: NextFireChange } {
    const now = this.#clock.now();
    let fire: ScheduledFire | null;
    let following: ScheduledFire | null;
    try {
      const timing = timingOf(row);
      fire = nextScheduledFire(timing, exceptions, at - 1);
      following = nextScheduledFire(timing, exceptions, at);
    } catch (error) {
      // A row edited by hand (an unknown zone, a cron that no longer parses): this schedule ends, the others fire.
      const reason = `cannot evaluate the schedule: ${error instanceof Error ? error.message : String(error)}`;
      this.#logger.error('schedule ended: its timing cannot be evaluated', { scheduleId: id, error: reason });
      return { fire: null, next: { scheduleId: id, nextFireAt: null, ended: { at: now, reason } } };
    }
    const next: NextFireChange = following
      ? { scheduleId: id, nextFireAt: following.at, ended: null }
      : { scheduleId: id, nextFireAt: null, ended: { at: fire?.at ?? now, reason: endReason(row) } };
    const bunch = this.#bunches.get(Number(row.bunch_id));
    if (!fire || fire.at !== at || !bunch) {
      if (!bunch) this.#logger.error('schedule refers to a missing bunch', { scheduleId: id, bunchId: row.bunch_id });
      return { fire: null, next };
    }
    const runId = this.#ids.take('bunch_runs');
    const first = bunch.steps[0];
    const firstStep = first ? newTaskRun(this.#ids.take('task_runs'), runId, 0, first.task, now) : null;
    const record = newBunchRun({
      id: runId,
      scheduleId: id,
      bunch,
      orgId: row.org_id === null ? null : Number(row.org_id),
      trigger: fire.trigger,
      dueAt: fire.at,
      params: parseParams(row.params),
      note: fire.trigger === 'moved' ? `moved from ${new Date(fire.occurrenceAt).toISOString()}` : null,
      firstStep,
    });
    const late = this.#lateFire(record, row, now, following);
    if (late === 'missed') {
      this.#recorder.saveBunchRun(record);
      if (firstStep) this.#recorder.saveTaskRun(firstStep);
      return { fire: null, next };
    }
    this.#recorder.saveBunchRun(record);
    if (firstStep) this.#recorder.saveTaskRun(firstStep);
    return { fire: { record, overlap: row.overlap_policy as OverlapPolicy }, next };
  }

  /**
   * A fire claimed long after it was due (the clock jumped, the machine slept, the server was overloaded) is
   * a misfire, as after a restart: recorded MISSED, or under RUN_ONCE the latest one within the grace period
   * runs once as a catch-up. On time (or nearly), it runs as usual.
   */
  #lateFire(record: BunchRunRecord, row: ClaimRow, now: number, following: ScheduledFire | null): 'on-time' | 'catch-up' | 'missed' {
    const lateBy = now - record.dueAt;
    if (lateBy <= LATE_FIRE_MS) return 'on-time';
    const due = new Date(record.dueAt).toISOString();
    const latest = following === null || following.at > now;
    if (row.misfire_policy === 'RUN_ONCE' && latest && lateBy <= this.#settings().misfire_grace_seconds * 1000) {
      record.trigger = 'catch-up';
      record.note = `catch-up of the fire due ${due}, which the server could not make on time (${formatDuration(lateBy)} late)`;
      record.statusReason = record.note;
      return 'catch-up';
    }
    const reason = `the server could not fire it on time (${formatDuration(lateBy)} late: the clock jumped or the server was overloaded; misfire policy ${row.misfire_policy})`;
    record.status = 'MISSED';
    record.statusReason = reason;
    record.endedAt = now;
    if (record.firstStep) {
      record.firstStep.status = 'MISSED';
      record.firstStep.statusReason = reason;
      record.firstStep.endedAt = now;
    }
    this.#logger.warn('fire missed', { scheduleId: record.scheduleId, due, lateMs: lateBy });
    return 'missed';
  }

  async #loadRows(ids: ReadonlyArray<number>): Promise<Map<number, ClaimRow>> {
    const rows = await this.#db
      .selectFrom('schedules')
      .select([...FIRING_COLUMNS, 'label', 'paused', 'ended_at'])
      .where('id', 'in', ids)
      .execute();
    return new Map(rows.map((r) => [Number(r.id), { ...r, id: Number(r.id) }]));
  }
}

function endReason(row: ClaimRow): string {
  if (row.kind === 'once') return 'its one-time run has fired';
  if (row.active_till !== null) return 'its active window has closed';
  return 'its cron has no further fire time';
}

/** Parameter values stored as JSON; anything that is not a plain object counts as none. */
export function parseParams(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      // A fresh object: a stored "__proto__" key must not become a prototype.
      return Object.assign(Object.create(null) as Record<string, unknown>, value);
    }
  } catch {
    // fall through
  }
  return {};
}
