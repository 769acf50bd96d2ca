import type { ExpressionBuilder, Kysely } from 'kysely';
import {
  type OverlapPolicy,
  type RunTrigger,
  type ScheduledFire,
  nextScheduledFire,
  scheduledFires,
} from '@taskomatic/shared';
import type { IdAllocator } from '../db/id-allocator.js';
import type { Settings } from '../db/repos/settings-repo.js';
import type { Tables } from '../db/tables.js';
import type { Logger } from '../logger.js';
import type { BunchCache } from './bunch-cache.js';
import { parseParams } from './claimer.js';
import type { BunchExecutor } from './executor.js';
import type { BunchRunRecord, StepSnapshot } from './run-record.js';
import type { RunRecorder } from './run-recorder.js';
import { stopLeftovers } from './leftover-processes.js';
import { loadExceptions, timingOf } from './schedule-timing.js';

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

/** Missed fires of one schedule recorded one by one; older ones are counted on one record. */
const MISSED_RECORDS_PER_SCHEDULE = 100;
/** Missed fires looked at per schedule (an every-second schedule down for a week has 600,000). */
const MISSED_SCAN_LIMIT = 100_000;

interface MissedFire {
  readonly at: number;
  readonly trigger: RunTrigger;
  /** The READY record claimed before the stop, when there is one. */
  readonly record: BunchRunRecord | null;
}

interface ScheduleRow {
  readonly id: number;
  readonly bunch_id: number;
  readonly org_id: number | null;
  readonly kind: string;
  readonly cron_expr: string | null;
  readonly time_zone: string;
  readonly run_at: number | null;
  readonly active_from: number | null;
  readonly active_till: number | null;
  readonly params: string;
  readonly overlap_policy: string;
  readonly misfire_policy: string;
  readonly next_fire_at: number | null;
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

  const rows = await loadSchedulesToSettle(db, now, [...missedBySchedule.keys()]);
  const earliest = rows.reduce((min, r) => Math.min(min, r.next_fire_at ?? now), now);
  const exceptions = await loadExceptions(db, rows.map((r) => r.id), earliest);
  for (const row of rows) {
    let timing;
    try {
      timing = timingOf(row);
    } catch (error) {
      const reason = `cannot evaluate the schedule: ${error instanceof Error ? error.message : String(error)}`;
      deps.recorder.setNextFire({ scheduleId: row.id, nextFireAt: null, ended: { at: now, reason } });
      deps.logger.error('schedule ended: its timing cannot be evaluated', { scheduleId: row.id, error: reason });
      continue;
    }
    const own = exceptions.get(row.id) ?? [];
    const fires: MissedFire[] = [...(missedBySchedule.get(row.id) ?? [])];
    if (row.next_fire_at !== null && row.next_fire_at < now) {
      const passed = scheduledFires(timing, own, row.next_fire_at, now, MISSED_SCAN_LIMIT);
      fires.push(...passed.fires.map((f: ScheduledFire) => ({ at: f.at, trigger: f.trigger, record: null })));
    }
    fires.sort((a, b) => a.at - b.at);
    const next = nextScheduledFire(timing, own, now - 1);
    deps.recorder.setNextFire(
      next
        ? { scheduleId: row.id, nextFireAt: next.at, ended: null }
        : { scheduleId: row.id, nextFireAt: null, ended: { at: now, reason: 'nothing is left to fire' } },
    );
    if (fires.length === 0) continue;
    const overlap = row.overlap_policy as OverlapPolicy;
    const latest = fires.at(-1) as MissedFire;
    const catchUp = row.misfire_policy === 'RUN_ONCE' && now - latest.at <= graceMs ? latest : null;
    const toRecord = catchUp ? fires.slice(0, -1) : fires;
    missed += await recordMissed(deps, row, toRecord);
    if (catchUp) {
      const record = catchUp.record ?? (await newRecord(deps, row, catchUp.at, 'catch-up'));
      if (!record) continue;
      record.trigger = 'catch-up';
      record.note = `catch-up of the fire due ${new Date(catchUp.at).toISOString()}, missed while the server was not running`;
      record.statusReason = record.note;
      deps.recorder.saveBunchRun(record);
      pending.push({ record, overlap });
      caughtUp++;
    }
  }
  await deps.recorder.commit();
  if (interrupted + missed + caughtUp > 0) {
    deps.logger.info('recovered after a stop', { interrupted, missed, caughtUp });
  }
  return { pending, interrupted, missed, caughtUp };
}

/** Time the processes a crashed server left running get between SIGTERM and SIGKILL. */
const LEFTOVER_GRACE_MS = 5000;

/** Stops commands the previous server left running, and says so on their runs. */
async function stopLeftoverCommands(deps: RecoveryDeps): Promise<void> {
  const running = await deps.db
    .selectFrom('task_runs')
    .select(['id', 'pid', 'started_at', 'task'])
    .where('status', '=', 'RUNNING')
    .where('pid', 'is not', null)
    .execute();
  const stopped = await stopLeftovers(
    running.map((r) => ({ taskRunId: Number(r.id), pid: Number(r.pid), startedAt: Number(r.started_at ?? 0) })),
    LEFTOVER_GRACE_MS,
  );
  for (const row of running.filter((r) => stopped.has(Number(r.id)))) {
    deps.logger.warn('stopped a command the previous server left running', { taskRunId: row.id, task: row.task, pid: row.pid });
    await deps.db
      .updateTable('task_runs')
      .set({
        status: 'INTERRUPTED',
        status_reason: `the server stopped while this step was running; its processes (group ${row.pid}) were still running at restart and were stopped`,
        ended_at: deps.now,
      })
      .where('id', '=', row.id)
      .execute();
  }
}

async function interruptUnfinished(db: Kysely<Tables>, lastAlive: number, now: number): Promise<number> {
  const endedAt = Math.min(lastAlive, now);
  const tasks = await db
    .updateTable('task_runs')
    .set((eb) => ({
      status: 'INTERRUPTED',
      status_reason: eb
        .case()
        .when('status', '=', 'POSTPONED')
        .then('the server stopped while this step was postponed')
        .else('the server stopped while this step was running')
        .end(),
      ended_at: endedNoEarlierThanStart(eb, endedAt),
    }))
    .where('status', 'in', ['RUNNING', 'POSTPONED'])
    .executeTakeFirst();
  await db
    .updateTable('bunch_runs')
    .set((eb) => ({
      status: 'INTERRUPTED',
      status_reason: 'the server stopped while this run was going',
      ended_at: endedNoEarlierThanStart(eb, endedAt),
    }))
    .where('status', 'in', ['RUNNING', 'POSTPONED'])
    .execute();
  return Number(tasks.numUpdatedRows);
}

/**
 * When a run the server left behind ended, as well as we know: the last sign of life of the server, but never
 * before the run started (it may have started after the last heartbeat).
 */
function endedNoEarlierThanStart(eb: ExpressionBuilder<Tables, 'task_runs' | 'bunch_runs'>, lastAlive: number) {
  return eb
    .case()
    .when('started_at', '>', lastAlive)
    .then(eb.ref('started_at'))
    .else(eb.val(lastAlive))
    .end();
}

async function loadReady(deps: RecoveryDeps): Promise<Array<{ record: BunchRunRecord; overlap: OverlapPolicy }>> {
  const rows = await deps.db
    .selectFrom('bunch_runs as r')
    .leftJoin('schedules as s', 's.id', 'r.schedule_id')
    .leftJoin('task_runs as t', (join) => join.onRef('t.bunch_run_id', '=', 'r.id').on('t.position', '=', 0).on('t.status', '=', 'READY'))
    .select([
      't.id as first_step_id',
      't.task as first_step_task',
      't.created_at as first_step_created_at',
      'r.id',
      'r.schedule_id',
      'r.bunch_id',
      'r.org_id',
      'r.trigger',
      'r.status_reason',
      'r.due_at',
      'r.params',
      'r.steps',
      'r.requested_by',
      's.overlap_policy',
    ])
    .where('r.status', '=', 'READY')
    .orderBy('r.due_at')
    .execute();
  return rows.map((r) => ({
    overlap: (r.overlap_policy ?? 'ALLOW') as OverlapPolicy,
    record: {
      id: Number(r.id),
      scheduleId: r.schedule_id === null ? null : Number(r.schedule_id),
      bunchId: Number(r.bunch_id),
      bunchName: deps.bunches.get(Number(r.bunch_id))?.name ?? String(r.bunch_id),
      orgId: r.org_id === null ? null : Number(r.org_id),
      trigger: r.trigger as RunTrigger,
      status: 'READY',
      statusReason: r.status_reason,
      note: r.status_reason,
      dueAt: Number(r.due_at),
      startedAt: null,
      endedAt: null,
      params: parseParams(r.params),
      steps: parseSteps(r.steps),
      firstStep:
        r.first_step_id === null || r.first_step_task === null
          ? null
          : {
              id: Number(r.first_step_id),
              bunchRunId: Number(r.id),
              position: 0,
              task: r.first_step_task,
              status: 'READY',
              statusReason: null,
              createdAt: Number(r.first_step_created_at),
              startedAt: null,
              endedAt: null,
              exitCode: null,
              pid: null,
            },
      fireCount: 1,
      lastFireAt: null,
      requestedBy: r.requested_by,
    },
  }));
}

async function loadSchedulesToSettle(db: Kysely<Tables>, now: number, alsoIds: ReadonlyArray<number>): Promise<ScheduleRow[]> {
  const rows = await db
    .selectFrom('schedules')
    .select([
      'id',
      'bunch_id',
      'org_id',
      'kind',
      'cron_expr',
      'time_zone',
      'run_at',
      'active_from',
      'active_till',
      'params',
      'overlap_policy',
      'misfire_policy',
      'next_fire_at',
    ])
    .where('ended_at', 'is', null)
    .where('paused', '=', 0)
    .where((eb) =>
      eb.or([
        eb('next_fire_at', 'is', null),
        eb('next_fire_at', '<', now),
        ...(alsoIds.length > 0 ? [eb('id', 'in', [...alsoIds])] : []),
      ]),
    )
    .execute();
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    bunch_id: Number(r.bunch_id),
    org_id: r.org_id === null ? null : Number(r.org_id),
    run_at: r.run_at === null ? null : Number(r.run_at),
    active_from: r.active_from === null ? null : Number(r.active_from),
    active_till: r.active_till === null ? null : Number(r.active_till),
    next_fire_at: r.next_fire_at === null ? null : Number(r.next_fire_at),
  }));
}

/** Records missed fires: the latest ones one by one, anything older counted on one record. */
async function recordMissed(deps: RecoveryDeps, row: ScheduleRow, fires: ReadonlyArray<MissedFire>): Promise<number> {
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

async function newRecord(deps: RecoveryDeps, row: ScheduleRow, dueAt: number, trigger: RunTrigger): Promise<BunchRunRecord | null> {
  const bunch = deps.bunches.get(row.bunch_id);
  if (!bunch) return null;
  await deps.ids.reserve('bunch_runs', 1);
  return {
    id: deps.ids.take('bunch_runs'),
    scheduleId: row.id,
    bunchId: bunch.id,
    bunchName: bunch.name,
    orgId: row.org_id,
    trigger,
    status: 'READY',
    statusReason: null,
    note: null,
    dueAt,
    startedAt: null,
    endedAt: null,
    params: parseParams(row.params),
    steps: bunch.steps,
    firstStep: null,
    fireCount: 1,
    lastFireAt: null,
    requestedBy: null,
  };
}

function parseSteps(text: string): StepSnapshot[] {
  try {
    const value: unknown = JSON.parse(text);
    if (Array.isArray(value)) {
      return value
        .filter((s): s is { task: string; startIf: StepSnapshot['startIf'] } => typeof s?.task === 'string')
        .map((s) => ({ task: s.task, startIf: s.startIf ?? null }));
    }
  } catch {
    // fall through
  }
  return [];
}
