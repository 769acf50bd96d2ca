import type { Kysely } from 'kysely';
import { nextScheduledFire, UNDER_WAY_STATUSES } from '@taskomatic/shared';
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
import { adoptRuns, type DepartedNode } from './cluster/adopt-runs.js';
import type { NodeLink } from './cluster/node-link.js';
import { type ClockReading, NodeLife } from './cluster/node-life.js';
import { SharedSlots } from './cluster/shared-slots.js';
import type { PostponedRun } from './cluster/postponed-runs.js';
import { loadReady } from './recovery-store.js';
import { listNodes, type NodeState } from './cluster/node-registry.js';
import { type RecoveryResult, recover } from './recovery.js';
import { type BunchRunRecord, CLAIMED_TRIGGERS, newBunchRun } from './run-record.js';
import type { RunRecorder } from './run-recorder.js';
import { loadExceptions, timingOf } from './schedule-timing.js';

export interface EngineOptions {
  /** Fires are claimed this long before they are due (default: 1000). */
  readonly claimAheadMs: number;
  /** Schedules claimed per transaction (default: 1000). */
  readonly claimBatch: number;
  /** How often this node records that it is alive and looks for nodes that are gone (default: 5000). */
  readonly heartbeatMs: number;
  /** A node that has not recorded a heartbeat for this long is gone: another takes over its work (default: 20000). */
  readonly nodeTimeoutMs: number;
}

export const DEFAULT_ENGINE_OPTIONS: EngineOptions = Object.freeze({
  claimAheadMs: 1000,
  claimBatch: 1000,
  heartbeatMs: 5000,
  nodeTimeoutMs: 20_000,
});

/** When rows another node holds still look due after a claim, look again this much later (not at once). */
const CLAIM_RETRY_MS = 50;

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
  /** The other nodes on the database (none on SQLite). */
  readonly link: NodeLink;
  /** Told each new measure of this process's clock against the database's, to fire on the database's clock. */
  readonly onClockOffset?: (offsetMs: number, errorMs: number) => void;
  /** Told when another node has declared this one gone and taken over its work: this node has stopped. */
  readonly onFenced?: (reason: string) => void;
  /** Reloads what other nodes changed (bunches, settings); called at each heartbeat. */
  readonly refreshShared?: () => Promise<void>;
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

/** This node among the others, for health checks. */
export interface ClusterStatus {
  readonly nodeId: string;
  /** This process's clock against the database's (database minus local), and the measure's error. */
  readonly clock: ClockReading;
  readonly nodeTimeoutMs: number;
  readonly nodes: ReadonlyArray<NodeState>;
}

/**
 * The scheduler: fires schedules on time from an index of next fire times, runs bunches, records it all, and
 * recovers after a stop. The only way to change what it runs is through its methods; services that edit
 * schedules in the database tell it with `scheduleChanged`.
 */
export class Engine {
  readonly #deps: EngineDeps;
  readonly #options: EngineOptions;
  readonly #bunches: BunchCache;
  readonly #executor: BunchExecutor;
  readonly #dispatcher: Dispatcher;
  readonly #claimer: FireClaimer;
  readonly #life: NodeLife;
  #serial: Promise<unknown> = Promise.resolve();
  #claimTimer: TimerHandle | null = null;
  #claimTimerAt = Number.POSITIVE_INFINITY;
  /** The earliest next fire in the database, as last read (other nodes' edits show at the next heartbeat). */
  #nextDue: number | null = null;
  /** Claim no earlier than this: rows another node holds looked due at the last claim. */
  #claimNotBefore = 0;
  #scheduled = 0;
  #heartbeat: TimerHandle | null = null;
  #running = false;

  constructor(deps: EngineDeps, options: Partial<EngineOptions> = {}) {
    this.#deps = deps;
    this.#options = { ...DEFAULT_ENGINE_OPTIONS, ...options };
    this.#bunches = deps.bunches;
    this.#executor = new BunchExecutor({ ...deps, sharedSlots: deps.link.shared ? new SharedSlots(deps.db, deps.nodeId) : null });
    deps.recorder.onLogLoss = (taskRunId, note) => this.#executor.noteOutputLoss(taskRunId, note);
    deps.recorder.onFenced = () => {
      this.#fence().catch((error: unknown) => deps.logger.error('stopping a fenced node failed', { error }));
    };
    this.#dispatcher = new Dispatcher({ ...deps, executor: this.#executor });
    this.#claimer = new FireClaimer({ ...deps, skipLocked: deps.link.shared });
    this.#life = new NodeLife({ ...deps, timeoutMs: this.#options.nodeTimeoutMs, onClockOffset: deps.onClockOffset ?? (() => undefined) });
  }

  /**
   * Starts this node: alone on the database, it recovers from the last stop; with other nodes alive, it takes
   * over the work of those that are gone. Then it fires.
   */
  async start(): Promise<RecoveryResult> {
    await this.#bunches.reload();
    const pending: Array<RecoveryResult['pending'][number]> = [];
    const postponed: PostponedRun[] = [];
    const adopted = { interrupted: 0, missed: 0, caughtUp: 0 };
    const recovered = await this.#life.start(
      (lastAlive, now) => recover({ ...this.#deps, executor: this.#executor, settings: this.#deps.settings(), lastAlive, now }),
      async (node) => {
        const result = await this.#adopt(node);
        pending.push(...result.pending);
        postponed.push(...result.postponed);
        adopted.interrupted += result.interrupted;
        adopted.missed += result.missed;
        adopted.caughtUp += result.caughtUp;
      },
    );
    await this.#deps.link.onHandOff((ids) => {
      this.#exclusive(() => this.#takeHandedOff(ids)).catch((error: unknown) => this.#deps.logger.error('taking fires handed over failed', { error }));
    });
    await this.#deps.link.onCancelRequest((id) => {
      this.#exclusive(() => this.#cancelRequested(id)).catch((error: unknown) => this.#deps.logger.error('cancel request failed', { error }));
    });
    await this.#refreshSchedules(true);
    for (const { record, overlap } of recovered?.pending ?? pending) this.#dispatcher.add(record, overlap);
    this.#running = true;
    this.#dispatcher.start();
    for (const { record, done, waiting } of postponed) this.#dispatcher.resume(record, done, waiting);
    this.#armClaim();
    this.#beat();
    return recovered ?? { pending, ...adopted };
  }

  /**
   * Stops firing; running tasks get `graceMs` to finish, then are stopped (INTERRUPTED). Everything is
   * committed when this resolves. Claimed fires that have not started stay READY: the next node to start, or
   * another node running now, takes them over.
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
    await this.#deps.db.deleteFrom('task_slots').where('node_id', '=', this.#deps.nodeId).execute();
    await this.#deps.db.deleteFrom('task_waits').where('node_id', '=', this.#deps.nodeId).execute();
    await this.#deps.db
      .updateTable('nodes')
      .set({ stopped_at: this.#deps.clock.now() })
      .where('id', '=', this.#deps.nodeId)
      .execute();
  }

  status(): EngineStatus {
    const candidates = [this.#nextDue ?? undefined, this.#dispatcher.nextDue()].filter((t): t is number => t !== undefined);
    return {
      running: this.#running,
      scheduled: this.#scheduled,
      pending: this.#dispatcher.pendingCount,
      live: this.#executor.liveCount,
      nextFireAt: candidates.length > 0 ? Math.min(...candidates) : null,
    };
  }

  /** This node and the others on the database, with their clocks against the database's. */
  async cluster(): Promise<ClusterStatus> {
    return {
      nodeId: this.#deps.nodeId,
      clock: this.#life.clockReading,
      nodeTimeoutMs: this.#options.nodeTimeoutMs,
      nodes: await listNodes(this.#deps.db, this.#deps.clock.now(), this.#options.nodeTimeoutMs),
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

  /**
   * Cancels a bunch run: waiting ones end at once, a running task is stopped and then the run ends. A run
   * another node has is cancelled by that node: the request is left on the run, and that node told.
   */
  cancel(bunchRunId: number, by: string): Promise<CancelResult> {
    return this.#exclusive(() => this.#cancelHere(bunchRunId, by, true));
  }

  async #cancelHere(bunchRunId: number, by: string, mayForward: boolean): Promise<CancelResult> {
    if (this.#executor.cancel(bunchRunId, by)) return 'cancelling';
    const waiting = this.#dispatcher.take(bunchRunId);
    if (waiting) {
      await this.#deps.ids.reserve('task_runs', 1);
      this.#executor.closeUnstarted(waiting, 'CANCELLED', `cancelled by ${by} before it started`);
      await this.#deps.recorder.commit();
      return 'cancelled';
    }
    const { db, link, nodeId } = this.#deps;
    const row = await db.selectFrom('bunch_runs').select(['status', 'node_id']).where('id', '=', bunchRunId).executeTakeFirst();
    if (!row) return 'not-found';
    if (!mayForward || !link.shared || row.node_id === nodeId || !(UNDER_WAY_STATUSES as ReadonlyArray<string>).includes(row.status)) return 'already-ended';
    const asked = await db
      .updateTable('bunch_runs')
      .set({ cancel_requested_by: by })
      .where('id', '=', bunchRunId)
      .where('status', 'in', [...UNDER_WAY_STATUSES])
      .executeTakeFirst();
    if (Number(asked.numUpdatedRows) === 0) return 'already-ended';
    await link.requestCancel(bunchRunId);
    return 'cancelling';
  }

  /** Another node asked to cancel a run: cancels it when it is this node's. */
  async #cancelRequested(bunchRunId: number): Promise<void> {
    const row = await this.#deps.db
      .selectFrom('bunch_runs')
      .select(['cancel_requested_by', 'node_id'])
      .where('id', '=', bunchRunId)
      .executeTakeFirst();
    if (row?.node_id !== this.#deps.nodeId || row.cancel_requested_by === null) return;
    await this.#cancelHere(bunchRunId, row.cancel_requested_by, false);
  }

  /** Cancel requests for this node's runs that its notices may have missed (a broken connection). */
  async #pendingCancelRequests(): Promise<void> {
    const rows = await this.#deps.db
      .selectFrom('bunch_runs')
      .select('id')
      .where('node_id', '=', this.#deps.nodeId)
      .where('status', 'in', [...UNDER_WAY_STATUSES])
      .where('cancel_requested_by', 'is not', null)
      .execute();
    for (const row of rows) await this.#cancelRequested(Number(row.id));
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
   * exception: fires claimed under its old timing (by any node) are taken back, and its next fire is computed
   * anew. The schedule's row is locked meanwhile, so no node claims from it under the old timing.
   */
  scheduleChanged(scheduleId: number): Promise<void> {
    return this.#exclusive(async () => {
      const { db, clock } = this.#deps;
      const now = clock.now();
      // Not started here: they go, as do other nodes' (whose start then finds them withdrawn).
      this.#dispatcher.takeClaimed(scheduleId, now);
      const change = await db.transaction().execute(async (trx) => {
        let read = trx.selectFrom('schedules').selectAll().where('id', '=', scheduleId);
        if (this.#deps.link.shared) read = read.forUpdate();
        const row = await read.executeTakeFirst();
        await trx
          .deleteFrom('bunch_runs')
          .where('schedule_id', '=', scheduleId)
          .where('status', '=', 'READY')
          .where('due_at', '>', now)
          .where('trigger', 'in', [...CLAIMED_TRIGGERS])
          .execute();
        if (!row) return null;
        const wasScheduled = row.next_fire_at !== null && row.ended_at === null && row.paused === 0;
        let next: number | null = null;
        let ended: { at: number; reason: string } | null = null;
        if (row.ended_at === null && row.paused === 0) {
          try {
            const exceptions = await loadExceptions(trx, [scheduleId], now);
            next = nextScheduledFire(timingOf(row), exceptions.get(scheduleId) ?? [], now)?.at ?? null;
            if (next === null) ended = { at: now, reason: 'nothing is left to fire' };
          } catch (error) {
            ended = { at: now, reason: `cannot evaluate the schedule: ${error instanceof Error ? error.message : String(error)}` };
          }
        }
        if (next !== row.next_fire_at || ended) {
          await trx
            .updateTable('schedules')
            .set({ next_fire_at: next, ...(ended ? { ended_at: ended.at, end_reason: ended.reason } : {}) })
            .where('id', '=', scheduleId)
            .execute();
        }
        return { wasScheduled, next };
      });
      if (!change) return;
      this.#scheduled += (change.next !== null ? 1 : 0) - (change.wasScheduled ? 1 : 0);
      if (change.next !== null && (this.#nextDue === null || change.next < this.#nextDue)) this.#nextDue = change.next;
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
    if (!this.#running || this.#nextDue === null) return;
    const at = Math.max(this.#nextDue - this.#options.claimAheadMs, this.#claimNotBefore);
    if (this.#claimTimer && this.#claimTimerAt <= at) return;
    this.#claimTimer?.cancel();
    this.#claimTimerAt = at;
    this.#claimTimer = this.#deps.clock.setTimeout(() => {
      this.#claimTimer = null;
      this.#claimTimerAt = Number.POSITIVE_INFINITY;
      this.#exclusive(() => this.#claimDue()).catch((error: unknown) => {
        this.#deps.logger.error('claiming due fires failed; retrying in 1 s', { error });
        this.#claimNotBefore = this.#deps.clock.now() + 1000;
        this.#armClaim();
      });
    }, at - this.#deps.clock.now());
  }

  async #claimDue(): Promise<void> {
    let horizon = 0;
    for (;;) {
      if (!this.#running) return;
      horizon = this.#deps.clock.now() + this.#options.claimAheadMs;
      const { fires, handedOff, taken, moreDue, ended } = await this.#claimer.claim(horizon, this.#options.claimBatch);
      for (const { record, overlap } of fires) this.#dispatcher.add(record, overlap);
      this.#tellHandedOff(handedOff);
      this.#scheduled -= ended;
      // Fewer than asked: all that was due is claimed, unless a schedule's following fire is due too (the clock
      // jumped). Rows another node holds are looked at again below.
      if (taken < this.#options.claimBatch && !moreDue) break;
      // Let runs that are due now start (and the API answer) between claim batches.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    this.#nextDue = await this.#claimer.earliestDue();
    // Still due: rows another node is claiming right now. They are its; look again shortly, not at once.
    this.#claimNotBefore = this.#nextDue !== null && this.#nextDue <= horizon ? this.#deps.clock.now() + CLAIM_RETRY_MS : 0;
    this.#armClaim();
  }

  #tellHandedOff(handedOff: ReadonlyArray<{ readonly node: string; readonly bunchRunId: number }>): void {
    const byNode = new Map<string, number[]>();
    for (const { node, bunchRunId } of handedOff) byNode.set(node, [...(byNode.get(node) ?? []), bunchRunId]);
    for (const [node, ids] of byNode) {
      // Lost only with that node's session, and then the node taking over its work adopts these runs.
      this.#deps.link.handOff(node, ids).catch((error: unknown) => this.#deps.logger.warn('could not tell a node of fires handed to it', { node, error }));
    }
  }

  /** READY runs another node handed to this one (its schedule's previous run goes on here). */
  async #takeHandedOff(ids: ReadonlyArray<number>): Promise<void> {
    if (!this.#running || ids.length === 0) return;
    const mine = await this.#deps.db
      .selectFrom('bunch_runs')
      .select('id')
      .where('id', 'in', [...ids])
      .where('node_id', '=', this.#deps.nodeId)
      .where('status', '=', 'READY')
      .execute();
    const ready = await loadReady(this.#deps, mine.map((r) => Number(r.id)).filter((id) => !this.#dispatcher.has(id) && !this.#executor.has(id)));
    for (const { record, overlap } of ready) this.#dispatcher.add(record, overlap);
  }

  /**
   * Re-reads the earliest next fire and, when other nodes share the database (their edits show here), the
   * number of scheduled schedules; alone, this node's claims and edits keep the count.
   */
  async #refreshSchedules(counting = this.#deps.link.shared): Promise<void> {
    const { db } = this.#deps;
    this.#nextDue = await this.#claimer.earliestDue();
    if (!counting) return;
    const row = await db
      .selectFrom('schedules')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('next_fire_at', 'is not', null)
      .where('ended_at', 'is', null)
      .where('paused', '=', 0)
      .executeTakeFirst();
    this.#scheduled = Number(row?.n ?? 0);
  }

  async #adopt(node: DepartedNode): Promise<Awaited<ReturnType<typeof adoptRuns>>> {
    return adoptRuns(
      { ...this.#deps, executor: this.#executor, settings: this.#deps.settings(), now: this.#deps.clock.now() },
      node,
    );
  }

  /**
   * Every heartbeat: records that this node is alive (stopping it if it was declared gone), then, unless the
   * previous round is still going, takes over the work of nodes that are gone, picks up cancel requests it
   * missed and what other nodes scheduled. The heartbeat never waits for that round (or for a long claim):
   * a busy node must not look gone.
   */
  #beat(): void {
    if (!this.#running) return;
    this.#heartbeat = this.#deps.clock.setTimeout(() => {
      if (!this.#running) return;
      this.#life
        .beat()
        .then(async (alive) => {
          if (!alive) await this.#fence();
          else this.#houseKeep();
        })
        .catch((error: unknown) => this.#deps.logger.error('heartbeat failed', { error }))
        .finally(() => this.#beat());
    }, this.#options.heartbeatMs);
  }

  #houseKeeping: Promise<void> | null = null;

  #houseKeep(): void {
    if (this.#houseKeeping) return;
    this.#houseKeeping = this.#exclusive(async () => {
      if (!this.#running) return;
      await this.#life.reap(async (node) => {
        const adopted = await this.#adopt(node);
        for (const { record, overlap } of adopted.pending) this.#dispatcher.add(record, overlap);
        for (const { record, done, waiting } of adopted.postponed) this.#dispatcher.resume(record, done, waiting);
      });
      if (this.#deps.link.shared) await this.#pendingCancelRequests();
      await this.#deps.refreshShared?.();
      await this.#refreshSchedules();
      this.#armClaim();
    })
      .catch((error: unknown) => this.#deps.logger.error('heartbeat round failed', { error }))
      .finally(() => {
        this.#houseKeeping = null;
      });
  }

  /** Another node declared this one gone and took over its work: nothing here may go on. */
  #fenced = false;

  async #fence(): Promise<void> {
    if (this.#fenced) return;
    this.#fenced = true;
    const reason = 'another node declared this node gone (it missed its heartbeats) and took over its work';
    this.#deps.logger.error('this node was declared gone: stopping', { node: this.#deps.nodeId });
    await this.stop(0);
    this.#deps.onFenced?.(reason);
  }
}
