import type { Kysely } from 'kysely';
import { type OverlapPolicy, type ScheduledFire, nextScheduledFire, UNDER_WAY_STATUSES } from '@taskomatic/shared';
import type { IdAllocator, IdLease } from '../db/id-allocator.js';
import type { SchedulesTable, Tables } from '../db/tables.js';
import type { Logger } from '../logger.js';
import type { BunchCache } from './bunch-cache.js';
import type { Clock } from './clock.js';
import { type BunchRunRecord, newBunchRun, newTaskRun } from './run-record.js';
import type { Settings } from '../db/repos/settings-repo.js';
import { formatDuration } from './format-duration.js';
import { type Batch, newBatch } from './recorder-batch.js';
import type { NextFireChange, RunRecorder } from './run-recorder.js';
import { FIRING_COLUMNS, loadExceptions, timingOf } from './schedule-timing.js';

/** A fire claimed this long after it was due is a misfire (Quartz's default threshold, too). */
export const LATE_FIRE_MS = 60_000;

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

/** What one claim transaction did. */
export interface ClaimResult {
  /** Fires to start when due (READY runs, committed). */
  readonly fires: ReadonlyArray<ClaimedFire>;
  /** Fires handed to the node that runs their schedule's previous run (READY runs of that node, committed). */
  readonly handedOff: ReadonlyArray<{ readonly node: string; readonly bunchRunId: number }>;
  /** Schedules the transaction took. */
  readonly taken: number;
  /** A schedule it took is due again within the horizon (the clock jumped): claim again. */
  readonly moreDue: boolean;
  /** Schedules that ended (nothing left to fire). */
  readonly ended: number;
}

/**
 * Turns the fires that come due within the claim horizon into READY bunch runs, and moves each schedule's
 * next fire forward, in one transaction that reads the due schedules from the database. Claiming a little
 * ahead of time takes the inserts off the moment a fire is due: at that moment only the switch to RUNNING
 * remains to be committed.
 *
 * Several nodes claim from one database at once without a global lock: the transaction locks the rows it
 * reads and skips those another node holds (PostgreSQL's `FOR UPDATE SKIP LOCKED`), and by the time it
 * commits each schedule's next fire has moved past the fire it claimed, so a fire is claimed exactly once.
 */
export class FireClaimer {
  readonly #db: Kysely<Tables>;
  readonly #recorder: RunRecorder;
  readonly #ids: IdAllocator;
  readonly #bunches: BunchCache;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #settings: () => Settings;
  readonly #skipLocked: boolean;
  readonly #nodeId: string;

  constructor(deps: {
    nodeId: string;
    db: Kysely<Tables>;
    recorder: RunRecorder;
    ids: IdAllocator;
    bunches: BunchCache;
    clock: Clock;
    logger: Logger;
    settings: () => Settings;
    /** Other nodes claim from the same database: lock the rows taken, skip the ones they hold. */
    skipLocked: boolean;
  }) {
    this.#db = deps.db;
    this.#recorder = deps.recorder;
    this.#ids = deps.ids;
    this.#bunches = deps.bunches;
    this.#clock = deps.clock;
    this.#logger = deps.logger;
    this.#settings = deps.settings;
    this.#skipLocked = deps.skipLocked;
    this.#nodeId = deps.nodeId;
  }

  /** Claims up to `limit` schedules due at or before `horizon`, in one committed transaction. */
  async claim(horizon: number, limit: number): Promise<ClaimResult> {
    await this.#ids.reserve('bunch_runs', limit);
    await this.#ids.reserve('task_runs', limit);
    // Taken now: the runs and steps starting while this transaction waits for the database take ids too.
    const leases = { bunchRuns: this.#ids.lease('bunch_runs', limit), taskRuns: this.#ids.lease('task_runs', limit) };
    const batch = newBatch();
    const fires: ClaimedFire[] = [];
    const handedOff: Array<{ node: string; bunchRunId: number }> = [];
    let taken: number;
    try {
      taken = await this.#claimIn(horizon, limit, leases, batch, fires, handedOff);
    } finally {
      leases.bunchRuns.giveBack();
      leases.taskRuns.giveBack();
    }
    this.#recorder.announce([...batch.bunchRuns.values()]);
    const nextFires = [...batch.nextFires.values()];
    return {
      fires,
      handedOff,
      taken,
      moreDue: nextFires.some((c) => c.nextFireAt !== null && c.nextFireAt <= horizon),
      ended: nextFires.filter((c) => c.nextFireAt === null).length,
    };
  }

  /** The claim's transaction: returns how many schedules it took. */
  #claimIn(
    horizon: number,
    limit: number,
    leases: { readonly bunchRuns: IdLease; readonly taskRuns: IdLease },
    batch: Batch,
    fires: ClaimedFire[],
    handedOff: Array<{ node: string; bunchRunId: number }>,
  ): Promise<number> {
    return this.#db.transaction().execute(async (trx) => {
      let query = trx
        .selectFrom('schedules')
        .select([...FIRING_COLUMNS, 'label', 'paused', 'ended_at'])
        .where('next_fire_at', '<=', horizon)
        .where('ended_at', 'is', null)
        .where('paused', '=', 0)
        .orderBy('next_fire_at')
        .orderBy('id')
        .limit(limit);
      if (this.#skipLocked) query = query.forUpdate().skipLocked();
      const rows = await query.execute();
      if (rows.length === 0) return 0;
      // A bunch another node created since this node last read them: read them again (from the pool, on
      // PostgreSQL; SQLite has one connection, and no other node).
      if (this.#skipLocked && rows.some((r) => this.#bunches.get(Number(r.bunch_id)) === undefined)) await this.#bunches.reload();
      const earliest = Math.min(...rows.map((r) => Number(r.next_fire_at)));
      const exceptions = await loadExceptions(trx, rows.map((r) => Number(r.id)), earliest);
      const goingElsewhere = this.#skipLocked ? await this.#goingElsewhere(trx, rows.map((r) => Number(r.id))) : new Map<number, string>();
      for (const raw of rows) {
        const row: ClaimRow = { ...raw, id: Number(raw.id) };
        const result = this.#claimOne(row.id, row, Number(row.next_fire_at), exceptions.get(row.id) ?? [], leases);
        batch.nextFires.set(row.id, result.next);
        if (result.record) {
          batch.bunchRuns.set(result.record.id, result.record);
          if (result.record.firstStep) batch.taskRuns.set(result.record.firstStep.id, result.record.firstStep);
        }
        const holder = goingElsewhere.get(row.id);
        if (result.fire && holder !== undefined && result.fire.overlap !== 'ALLOW') {
          result.fire.record.handedTo = holder;
          handedOff.push({ node: holder, bunchRunId: result.fire.record.id });
        } else if (result.fire) {
          fires.push(result.fire);
        }
      }
      await this.#recorder.writeInTransaction(trx, batch);
      return rows.length;
    });
  }

  /**
   * The schedules among `ids` with a run another node has not finished (waiting, running or postponed), and
   * that node. Their new fires go to it: the overlap policy (SKIP, QUEUE_ONE) is applied where the previous run
   * is, so a schedule never overlaps itself across nodes.
   */
  async #goingElsewhere(trx: Kysely<Tables>, ids: ReadonlyArray<number>): Promise<Map<number, string>> {
    const rows = await trx
      .selectFrom('bunch_runs')
      .select(['schedule_id', 'node_id'])
      .where('schedule_id', 'in', [...ids])
      .where('status', 'in', [...UNDER_WAY_STATUSES])
      .where('node_id', 'is not', null)
      .where('node_id', '<>', this.#nodeId)
      .execute();
    if (rows.length === 0) return new Map();
    // Only to a node nobody has taken over from; its row stays locked until this claim commits, so a takeover
    // that starts meanwhile waits for it and then adopts what was handed over too.
    const holders = [...new Set(rows.map((r) => r.node_id as string))];
    const alive = await trx.selectFrom('nodes').select('id').where('id', 'in', holders).where('taken_over_by', 'is', null).forShare().execute();
    const open = new Set(alive.map((n) => n.id));
    return new Map(rows.filter((r) => open.has(r.node_id as string)).map((r) => [Number(r.schedule_id), r.node_id as string]));
  }

  /** The earliest next fire of any schedule (claimed or not by this node), or null when none is left. */
  async earliestDue(): Promise<number | null> {
    const row = await this.#db
      .selectFrom('schedules')
      .select('next_fire_at')
      .where('next_fire_at', 'is not', null)
      .where('ended_at', 'is', null)
      .where('paused', '=', 0)
      .orderBy('next_fire_at')
      .limit(1)
      .executeTakeFirst();
    return row?.next_fire_at === undefined || row.next_fire_at === null ? null : Number(row.next_fire_at);
  }

  #claimOne(
    id: number,
    row: ClaimRow,
    at: number,
    exceptions: Parameters<typeof nextScheduledFire>[1],
    leases: { readonly bunchRuns: IdLease; readonly taskRuns: IdLease },
  ): { fire: ClaimedFire | null; record: BunchRunRecord | null; next: NextFireChange } {
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
      return { fire: null, record: null, next: { scheduleId: id, nextFireAt: null, ended: { at: now, reason } } };
    }
    const next: NextFireChange = following
      ? { scheduleId: id, nextFireAt: following.at, ended: null }
      : { scheduleId: id, nextFireAt: null, ended: { at: fire?.at ?? now, reason: endReason(row) } };
    const bunch = this.#bunches.get(Number(row.bunch_id));
    if (!fire || fire.at !== at || !bunch) {
      if (!bunch) this.#logger.error('schedule refers to a missing bunch', { scheduleId: id, bunchId: row.bunch_id });
      return { fire: null, record: null, next };
    }
    const runId = leases.bunchRuns.take();
    const first = bunch.steps[0];
    const firstStep = first ? newTaskRun(leases.taskRuns.take(), runId, 0, first.task, now) : null;
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
    if (this.#lateFire(record, row, now, following) === 'missed') return { fire: null, record, next };
    return { fire: { record, overlap: row.overlap_policy as OverlapPolicy }, record, next };
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
