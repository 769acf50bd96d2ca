import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import { nextScheduledFire } from '@taskomatic/shared';
import type { IdAllocator } from '../db/id-allocator.js';
import type { Settings } from '../db/repos/settings-repo.js';
import type { Tables } from '../db/tables.js';
import type { LogStore } from '../logs/log-store.js';
import type { Logger } from '../logger.js';
import type { TaskCatalog } from '../runner/catalog.js';
import type { BunchCache } from './bunch-cache.js';
import { bunchScopeRefusal, checkBunchParams } from './bunch-params.js';
import { FireClaimer } from './claimer.js';
import type { Clock, TimerHandle } from './clock.js';
import { Dispatcher } from './dispatcher.js';
import { BunchExecutor } from './executor.js';
import { FireIndex } from './fire-index.js';
import { type RecoveryResult, recover } from './recovery.js';
import { type BunchRunRecord, newBunchRun } from './run-record.js';
import type { RunRecorder } from './run-recorder.js';
import { loadExceptions, timingOf } from './schedule-timing.js';

export interface EngineOptions {
  /** Fires are claimed this long before they are due (default: 1000). */
  readonly claimAheadMs: number;
  /** Schedules claimed per transaction (default: 1000). */
  readonly claimBatch: number;
  /** How often this process records that it is alive (default: 10000). */
  readonly heartbeatMs: number;
}

export const DEFAULT_ENGINE_OPTIONS: EngineOptions = Object.freeze({
  claimAheadMs: 1000,
  claimBatch: 1000,
  heartbeatMs: 10_000,
});

export interface EngineDeps {
  readonly db: Kysely<Tables>;
  readonly recorder: RunRecorder;
  readonly logs: LogStore;
  readonly ids: IdAllocator;
  readonly catalog: TaskCatalog;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly settings: () => Settings;
  /** This process, as recorded in the `nodes` table. */
  readonly nodeId: string;
  readonly version: string;
  /** The bunches, shared with the services that check schedules against them. */
  readonly bunches: BunchCache;
}

/** A request to run a bunch once, now or at an instant. */
export interface RunNowRequest {
  /** Run this schedule's bunch with its parameters (given `params` override them). */
  readonly scheduleId?: number;
  /** Or run this bunch directly, in `orgId` (null: satellite-level). */
  readonly bunchId?: number;
  readonly orgId?: number | null;
  readonly params?: Readonly<Record<string, unknown>>;
  /** When to run (default: now). */
  readonly at?: number;
  readonly requestedBy: string;
}

/** How a cancel request went. */
export type CancelResult = 'cancelled' | 'cancelling' | 'not-found' | 'already-ended';

/** Error for a request the engine refuses, with the reason in words. */
export class EngineRequestError extends Error {
  constructor(
    readonly code: 'not-found' | 'invalid' | 'stopped',
    message: string,
  ) {
    super(message);
    this.name = 'EngineRequestError';
  }
}

/** What the engine is doing, for health checks. */
export interface EngineStatus {
  readonly running: boolean;
  readonly scheduled: number;
  readonly pending: number;
  readonly live: number;
  readonly nextFireAt: number | null;
}

/**
 * The scheduler: fires schedules on time from an index of next fire times, runs bunches, records it all, and
 * recovers after a stop. The only way to change what it runs is through its methods; services that edit
 * schedules in the database tell it with `scheduleChanged`.
 */
export class Engine {
  readonly #deps: EngineDeps;
  readonly #options: EngineOptions;
  readonly #index = new FireIndex();
  readonly #bunches: BunchCache;
  readonly #executor: BunchExecutor;
  readonly #dispatcher: Dispatcher;
  readonly #claimer: FireClaimer;
  #serial: Promise<unknown> = Promise.resolve();
  #claimTimer: TimerHandle | null = null;
  #claimTimerAt = Number.POSITIVE_INFINITY;
  #heartbeat: TimerHandle | null = null;
  #running = false;

  constructor(deps: EngineDeps, options: Partial<EngineOptions> = {}) {
    this.#deps = deps;
    this.#options = { ...DEFAULT_ENGINE_OPTIONS, ...options };
    this.#bunches = deps.bunches;
    this.#executor = new BunchExecutor(deps);
    deps.recorder.onLogLoss = (taskRunId, note) => this.#executor.noteOutputLoss(taskRunId, note);
    this.#dispatcher = new Dispatcher({ ...deps, executor: this.#executor });
    this.#claimer = new FireClaimer({ ...deps, index: this.#index });
  }

  /** Recovers from the last stop, then starts firing. */
  async start(): Promise<RecoveryResult> {
    const { db, clock, nodeId } = this.#deps;
    await this.#bunches.reload();
    const lastAlive = await this.#previousHeartbeat();
    const now = clock.now();
    await db
      .insertInto('nodes')
      .values({ id: nodeId, hostname: hostname(), pid: process.pid, version: this.#deps.version, started_at: now, heartbeat_at: now, stopped_at: null })
      .execute();
    const recovered = await recover({
      ...this.#deps,
      executor: this.#executor,
      settings: this.#deps.settings(),
      lastAlive,
      now,
    });
    const rows = await db
      .selectFrom('schedules')
      .select(['id', 'next_fire_at'])
      .where('ended_at', 'is', null)
      .where('paused', '=', 0)
      .where('next_fire_at', 'is not', null)
      .execute();
    this.#index.load(rows.map((r) => [Number(r.id), Number(r.next_fire_at)] as const));
    for (const { record, overlap } of recovered.pending) this.#dispatcher.add(record, overlap);
    this.#running = true;
    this.#dispatcher.start();
    this.#armClaim();
    this.#beat();
    return recovered;
  }

  /**
   * Stops firing; running tasks get `graceMs` to finish, then are stopped (INTERRUPTED). Everything is
   * committed when this resolves.
   */
  async stop(graceMs: number): Promise<void> {
    if (!this.#running) return;
    this.#running = false;
    this.#claimTimer?.cancel();
    this.#heartbeat?.cancel();
    this.#dispatcher.stop();
    await this.#serial.catch(() => undefined);
    await this.#executor.shutdown(graceMs);
    await this.#deps.recorder.drain();
    await this.#deps.db
      .updateTable('nodes')
      .set({ stopped_at: this.#deps.clock.now() })
      .where('id', '=', this.#deps.nodeId)
      .execute();
  }

  status(): EngineStatus {
    const candidates = [this.#index.peekTime(), this.#dispatcher.nextDue()].filter((t): t is number => t !== undefined);
    return {
      running: this.#running,
      scheduled: this.#index.size,
      pending: this.#dispatcher.pendingCount,
      live: this.#executor.liveCount,
      nextFireAt: candidates.length > 0 ? Math.min(...candidates) : null,
    };
  }

  /** Queues a run of a schedule's or a bunch's steps, now or at `at`. Returns the READY bunch run. */
  runNow(request: RunNowRequest): Promise<BunchRunRecord> {
    return this.#exclusive(async () => {
      if (!this.#running) throw new EngineRequestError('stopped', 'The scheduler is not running');
      const { db, catalog, clock, ids, recorder } = this.#deps;
      let bunchId = request.bunchId;
      let orgId = request.orgId ?? null;
      let params: Record<string, unknown> = { ...(request.params ?? {}) };
      if (request.scheduleId !== undefined) {
        const schedule = await db
          .selectFrom('schedules')
          .select(['bunch_id', 'org_id', 'params'])
          .where('id', '=', request.scheduleId)
          .executeTakeFirst();
        if (!schedule) throw new EngineRequestError('not-found', `Schedule ${request.scheduleId} does not exist`);
        bunchId = Number(schedule.bunch_id);
        orgId = schedule.org_id === null ? null : Number(schedule.org_id);
        params = { ...(JSON.parse(schedule.params) as Record<string, unknown>), ...params };
      }
      const bunch = bunchId === undefined ? undefined : this.#bunches.get(bunchId);
      if (!bunch) throw new EngineRequestError('not-found', `Bunch ${String(bunchId)} does not exist`);
      if (bunch.orgBunch !== (orgId !== null)) {
        throw new EngineRequestError(
          'invalid',
          bunch.orgBunch ? `Bunch ${bunch.name} runs inside an org: give one` : `Bunch ${bunch.name} is satellite-level: it runs in no org`,
        );
      }
      if (orgId !== null) {
        const org = await db.selectFrom('orgs').select('id').where('id', '=', orgId).executeTakeFirst();
        if (!org) throw new EngineRequestError('not-found', `Org ${orgId} does not exist`);
      }
      const outOfScope = bunchScopeRefusal(bunch, catalog);
      if (outOfScope) throw new EngineRequestError('invalid', outOfScope);
      const checked = checkBunchParams(bunch, catalog, params);
      const now = clock.now();
      await ids.reserve('bunch_runs', 1);
      const record = newBunchRun({
        id: ids.take('bunch_runs'),
        scheduleId: request.scheduleId ?? null,
        bunch,
        orgId,
        trigger: 'manual',
        dueAt: Math.max(request.at ?? now, now),
        params: checked,
        requestedBy: request.requestedBy,
      });
      recorder.saveBunchRun(record);
      await recorder.commit();
      // A run somebody asked for runs even while the schedule's previous run goes on.
      this.#dispatcher.add(record, 'ALLOW');
      return record;
    });
  }

  /** Cancels a bunch run: waiting ones end at once, a running task is stopped and then the run ends. */
  cancel(bunchRunId: number, by: string): Promise<CancelResult> {
    return this.#exclusive(async () => {
      if (this.#executor.cancel(bunchRunId, by)) return 'cancelling';
      const waiting = this.#dispatcher.take(bunchRunId);
      if (waiting) {
        await this.#deps.ids.reserve('task_runs', 1);
        this.#executor.closeUnstarted(waiting, 'CANCELLED', `cancelled by ${by} before it started`);
        await this.#deps.recorder.commit();
        return 'cancelled';
      }
      const row = await this.#deps.db.selectFrom('bunch_runs').select('status').where('id', '=', bunchRunId).executeTakeFirst();
      return row ? 'already-ended' : 'not-found';
    });
  }

  /** Cancels the bunch run a task run belongs to. */
  async cancelTaskRun(taskRunId: number, by: string): Promise<CancelResult> {
    const live = this.#executor.bunchRunOfTaskRun(taskRunId);
    if (live !== undefined) return this.cancel(live, by);
    const row = await this.#deps.db.selectFrom('task_runs').select('bunch_run_id').where('id', '=', taskRunId).executeTakeFirst();
    return row ? this.cancel(Number(row.bunch_run_id), by) : 'not-found';
  }

  /**
   * Re-reads a schedule after it was created, edited, paused, resumed, unscheduled or got an occurrence
   * exception: fires claimed under its old timing are taken back, and its next fire is computed anew.
   */
  scheduleChanged(scheduleId: number): Promise<void> {
    return this.#exclusive(async () => {
      const { db, clock, recorder } = this.#deps;
      const now = clock.now();
      for (const record of this.#dispatcher.takeClaimed(scheduleId, now)) recorder.deleteBunchRun(record.id);
      const row = await db.selectFrom('schedules').selectAll().where('id', '=', scheduleId).executeTakeFirst();
      if (!row || row.ended_at !== null || row.paused === 1) {
        this.#index.delete(scheduleId);
        if (row && row.next_fire_at !== null) recorder.setNextFire({ scheduleId, nextFireAt: null, ended: null });
        await recorder.commit();
        return;
      }
      let next: number | null = null;
      let ended: { at: number; reason: string } | null = null;
      try {
        const exceptions = await loadExceptions(db, [scheduleId], now);
        next = nextScheduledFire(timingOf(row), exceptions.get(scheduleId) ?? [], now)?.at ?? null;
        if (next === null) ended = { at: now, reason: 'nothing is left to fire' };
      } catch (error) {
        ended = { at: now, reason: `cannot evaluate the schedule: ${error instanceof Error ? error.message : String(error)}` };
      }
      recorder.setNextFire({ scheduleId, nextFireAt: next, ended });
      await recorder.commit();
      if (next === null) this.#index.delete(scheduleId);
      else this.#index.set(scheduleId, next);
      this.#armClaim();
    });
  }

  /** Re-reads the bunches after one was created or its steps changed. Runs under way keep their steps. */
  bunchesChanged(): Promise<void> {
    return this.#exclusive(() => this.#bunches.reload());
  }

  /** Runs `task` after every earlier exclusive task: claims and edits never interleave. */
  #exclusive<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#serial.then(task);
    this.#serial = result.catch(() => undefined);
    return result;
  }

  #armClaim(): void {
    if (!this.#running) return;
    const next = this.#index.peekTime();
    if (next === undefined) return;
    const at = next - this.#options.claimAheadMs;
    if (this.#claimTimer && this.#claimTimerAt <= at) return;
    this.#claimTimer?.cancel();
    this.#claimTimerAt = at;
    this.#claimTimer = this.#deps.clock.setTimeout(() => {
      this.#claimTimer = null;
      this.#claimTimerAt = Number.POSITIVE_INFINITY;
      this.#exclusive(() => this.#claimDue()).catch((error: unknown) => {
        this.#deps.logger.error('claiming due fires failed; retrying in 1 s', { error });
        this.#claimTimer = this.#deps.clock.setTimeout(() => this.#armClaim(), 1000);
      });
    }, at - this.#deps.clock.now());
  }

  async #claimDue(): Promise<void> {
    for (;;) {
      if (!this.#running) return;
      const horizon = this.#deps.clock.now() + this.#options.claimAheadMs;
      const claimed = await this.#claimer.claim(horizon, this.#options.claimBatch);
      for (const { record, overlap } of claimed) this.#dispatcher.add(record, overlap);
      const next = this.#index.peekTime();
      if (next === undefined || next > horizon) break;
      // More is due: let runs that are due now start (and the API answer) between claim batches.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    this.#armClaim();
  }

  #beat(): void {
    if (!this.#running) return;
    this.#heartbeat = this.#deps.clock.setTimeout(() => {
      if (!this.#running) return;
      this.#deps.db
        .updateTable('nodes')
        .set({ heartbeat_at: this.#deps.clock.now() })
        .where('id', '=', this.#deps.nodeId)
        .execute()
        .catch((error: unknown) => this.#deps.logger.error('heartbeat failed', { error }))
        .finally(() => this.#beat());
    }, this.#options.heartbeatMs);
  }

  async #previousHeartbeat(): Promise<number | null> {
    const row = await this.#deps.db
      .selectFrom('nodes')
      .select((eb) => eb.fn.max('heartbeat_at').as('last'))
      .where('stopped_at', 'is', null)
      .executeTakeFirst();
    return row?.last === null || row?.last === undefined ? null : Number(row.last);
  }
}
