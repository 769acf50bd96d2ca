import type { Kysely, Transaction, Updateable } from 'kysely';
import {
  MISFIRE_POLICIES,
  type MisfirePolicy,
  OVERLAP_POLICIES,
  type OverlapPolicy,
  isValidTimeZone,
  nextScheduledFire,
  validateCron,
} from '@taskomatic/shared';
import type { Settings } from '../db/repos/settings-repo.js';
import { getSchedule, type ScheduleView } from '../db/repos/schedules-repo.js';
import { serializable } from '../db/serializable.js';
import type { SchedulesTable, Tables } from '../db/tables.js';
import type { BunchCache } from '../engine/bunch-cache.js';
import { bunchScopeRefusal, checkBunchParams } from '../engine/bunch-params.js';
import type { Clock } from '../engine/clock.js';
import type { Engine } from '../engine/engine.js';
import { loadExceptions, timingOf } from '../engine/schedule-timing.js';
import type { TaskCatalog } from '../runner/catalog.js';
import { ParameterError } from '../runner/params/validate-params.js';
import { recordAudit } from './audit.js';
import type { ChangeFeed } from './change-feed.js';
import { DomainError } from './domain-error.js';
import { undoSplitIn } from './split-undo.js';

/** What defines a schedule. Either `cron` (with `timeZone`) or `runAt`. */
export interface ScheduleDraft {
  readonly label: string;
  /** Name of the bunch to run. */
  readonly bunch: string;
  /** null for satellite-level work. */
  readonly orgId: number | null;
  readonly cron?: string | null;
  readonly runAt?: number | null;
  /** (default: the satellite's default zone) */
  readonly timeZone?: string;
  readonly activeFrom?: number | null;
  readonly activeTill?: number | null;
  readonly params?: Readonly<Record<string, unknown>>;
  /** (default: SKIP) */
  readonly overlapPolicy?: OverlapPolicy;
  /** (default: RUN_ONCE) */
  readonly misfirePolicy?: MisfirePolicy;
}

/** Changes to a schedule; absent fields stay as they are. */
export type ScheduleChanges = Partial<Omit<ScheduleDraft, 'bunch' | 'orgId'>>;

export interface ScheduleServiceDeps {
  readonly db: Kysely<Tables>;
  readonly engine: Engine;
  readonly bunches: BunchCache;
  readonly catalog: TaskCatalog;
  readonly clock: Clock;
  readonly settings: () => Settings;
  /** Told of every change, for the changes feed. */
  readonly changes?: ChangeFeed;
}

const LABEL_MAX = 200;

/**
 * Creates and changes schedules: checks every field (cron, zone, bunch and scope, parameters against the
 * bunch's tasks, label unique among the active schedules of its scope), writes the change with its audit
 * record in one transaction, then tells the engine. Edits carry the version they were read at; a stale
 * version is refused, never merged silently.
 */
export class ScheduleService {
  readonly #deps: ScheduleServiceDeps;

  constructor(deps: ScheduleServiceDeps) {
    this.#deps = deps;
  }

  async create(draft: ScheduleDraft, actor: string): Promise<ScheduleView> {
    const { db, clock } = this.#deps;
    const now = clock.now();
    const row = this.#checked(draft, now);
    // Serializable: the label check and the insert must not interleave with another create (PostgreSQL).
    const id = await serializable(db, async (trx) => {
      if (draft.orgId !== null) await requireOrg(trx, draft.orgId);
      await requireFreeLabel(trx, draft.label, draft.orgId, null);
      const inserted = await trx
        .insertInto('schedules')
        .values({ ...row, paused: 0, pause_reason: null, version: 1, next_fire_at: null, ended_at: null, end_reason: null, created_at: now, updated_at: now, created_by: actor })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, { at: now, actor, action: 'schedule.create', targetType: 'schedule', targetId: inserted.id, before: null, after: { ...draft } });
      return Number(inserted.id);
    });
    return this.#settled(id, 'create');
  }

  /** Changes a schedule read at `version`. */
  async update(id: number, version: number, changes: ScheduleChanges, actor: string): Promise<ScheduleView> {
    const before = await this.#current(id);
    if (before.endedAt !== null) throw new DomainError('invalid-argument', `Schedule ${before.label} has ended (${before.endReason ?? 'no reason'}); create a new one`);
    const merged: ScheduleDraft = {
      label: changes.label ?? before.label,
      bunch: before.bunch,
      orgId: before.orgId,
      cron: changes.runAt != null ? null : changes.cron !== undefined ? changes.cron : before.cron,
      runAt: changes.cron != null ? null : changes.runAt !== undefined ? changes.runAt : before.runAt,
      timeZone: changes.timeZone ?? before.timeZone,
      activeFrom: changes.activeFrom !== undefined ? changes.activeFrom : before.activeFrom,
      activeTill: changes.activeTill !== undefined ? changes.activeTill : before.activeTill,
      params: changes.params ?? before.params,
      overlapPolicy: changes.overlapPolicy ?? before.overlapPolicy,
      misfirePolicy: changes.misfirePolicy ?? before.misfirePolicy,
    };
    const now = this.#deps.clock.now();
    const row = this.#checked(merged, now);
    await this.#write(id, version, actor, 'schedule.update', before, async (trx) => {
      if (merged.label !== before.label) await requireFreeLabel(trx, merged.label, before.orgId, id);
      return { ...row, bunch_id: before.bunchId };
    });
    return this.#settled(id, 'update');
  }

  /** Pauses a schedule: it does not fire, and its fires are not counted as missed, until resumed. */
  async pause(id: number, version: number, reason: string, actor: string): Promise<ScheduleView> {
    const before = await this.#current(id);
    const text = reason.trim();
    if (text === '') throw new DomainError('invalid-argument', 'A pause needs a reason, so others know why the schedule is not firing');
    await this.#write(id, version, actor, 'schedule.pause', before, async () => ({ paused: 1, pause_reason: text.slice(0, 500) }));
    return this.#settled(id, 'pause');
  }

  /** Resumes a paused schedule from now on; fires that passed while it was paused are not caught up. */
  async resume(id: number, version: number, actor: string): Promise<ScheduleView> {
    const before = await this.#current(id);
    await this.#write(id, version, actor, 'schedule.resume', before, async () => ({ paused: 0, pause_reason: null }));
    return this.#settled(id, 'resume');
  }

  /** Ends a schedule (Spacewalk's unschedule): it fires no more, its runs stay, its label is free again. */
  async unschedule(id: number, actor: string): Promise<ScheduleView> {
    const before = await this.#current(id);
    if (before.endedAt !== null) return before;
    const now = this.#deps.clock.now();
    await this.#write(id, before.version, actor, 'schedule.unschedule', before, async () => ({
      ended_at: now,
      end_reason: `unscheduled by ${actor}`,
      next_fire_at: null,
    }));
    return this.#settled(id, 'unschedule');
  }

  /** Skips one future occurrence (given by the instant it would fire). */
  async skipOccurrence(id: number, version: number, occurrenceAt: number, actor: string, reason?: string): Promise<ScheduleView> {
    return this.#except(id, version, occurrenceAt, null, actor, reason);
  }

  /** Moves one future occurrence to another instant; it fires there once, as a `moved` run. */
  async moveOccurrence(id: number, version: number, occurrenceAt: number, to: number, actor: string, reason?: string): Promise<ScheduleView> {
    return this.#except(id, version, occurrenceAt, to, actor, reason);
  }

  /** Takes back a skip or a move of one occurrence. */
  async restoreOccurrence(id: number, version: number, occurrenceAt: number, actor: string): Promise<ScheduleView> {
    const before = await this.#current(id);
    await this.#write(id, version, actor, 'schedule.restoreOccurrence', before, async (trx) => {
      const removed = await trx
        .deleteFrom('schedule_exceptions')
        .where('schedule_id', '=', id)
        .where('occurrence_at', '=', occurrenceAt)
        .executeTakeFirst();
      if (Number(removed.numDeletedRows) === 0) {
        throw new DomainError('not-found', `Schedule ${before.label} has no exception for ${new Date(occurrenceAt).toISOString()}`);
      }
      return {};
    }, { occurrence: new Date(occurrenceAt).toISOString(), restored: true });
    return this.#settled(id, 'restoreOccurrence');
  }

  /**
   * Splits a series ("this and following"): the schedule stops before `at.endBefore` (the fire being moved; by
   * default `at.from`), and a new schedule with the same bunch, scope, zone, parameters and policies takes over
   * from `at.from` with `cron`. One transaction: both or neither. The new label defaults to the old one with the
   * date it starts.
   */
  async split(id: number, version: number, at: { readonly from: number; readonly endBefore: number }, cron: string, label: string | null, actor: string): Promise<{ ended: ScheduleView; created: ScheduleView }> {
    const before = await this.#current(id);
    const now = this.#deps.clock.now();
    const { from, endBefore } = at;
    if (before.endedAt !== null) throw new DomainError('invalid-argument', `Schedule ${before.label} has ended`);
    if (before.kind !== 'cron') throw new DomainError('invalid-argument', 'Only a cron series can be split; move a one-time run instead');
    if (from <= now) throw new DomainError('invalid-argument', `Cannot split at ${new Date(from).toISOString()}: that is in the past`);
    if (endBefore <= now) throw new DomainError('invalid-argument', `Cannot end the series before ${new Date(endBefore).toISOString()}: that is in the past`);
    const draft: ScheduleDraft = {
      label: label ?? `${before.label}-from-${new Date(from).toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-')}`,
      bunch: before.bunch,
      orgId: before.orgId,
      cron,
      timeZone: before.timeZone,
      activeFrom: from,
      activeTill: before.activeTill !== null && before.activeTill > from ? before.activeTill : null,
      params: before.params,
      overlapPolicy: before.overlapPolicy,
      misfirePolicy: before.misfirePolicy,
    };
    const row = this.#checked(draft, now);
    const oldTiming = timingOf({ ...before, kind: 'cron', cron_expr: before.cron, time_zone: before.timeZone, run_at: null, active_from: before.activeFrom, active_till: endBefore });
    const oldContinues = nextScheduledFire(oldTiming, [], now) !== null;
    const createdId = await serializable(this.#deps.db, async (trx) => {
      await requireFreeLabel(trx, draft.label, before.orgId, null);
      const changed = await trx
        .updateTable('schedules')
        .set({
          active_till: endBefore,
          version: version + 1,
          updated_at: now,
          ...(oldContinues ? {} : { ended_at: now, end_reason: `split by ${actor}: continued by ${draft.label}`, next_fire_at: null }),
        })
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      if (Number(changed.numUpdatedRows) === 0) {
        throw new DomainError('version-conflict', `Schedule ${before.label} changed since you read version ${version}; reload it and split again`);
      }
      const inserted = await trx
        .insertInto('schedules')
        .values({ ...row, paused: 0, pause_reason: null, version: 1, next_fire_at: null, ended_at: null, end_reason: null, created_at: now, updated_at: now, created_by: actor })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, { at: now, actor, action: 'schedule.split', targetType: 'schedule', targetId: id, before, after: { activeTill: endBefore, continuedBy: Number(inserted.id), cron } });
      return Number(inserted.id);
    });
    return { ended: await this.#settled(id, 'split'), created: await this.#settled(createdId, 'create') };
  }

  /** Takes back a split: `id` (read at `version`) continues as before, its continuation (read at its version) ends. */
  async undoSplit(id: number, version: number, continuedBy: number, continuedByVersion: number, actor: string): Promise<ScheduleView> {
    const [original, continuation] = [await this.#current(id), await this.#current(continuedBy)];
    const now = this.#deps.clock.now();
    await serializable(this.#deps.db, (trx) => undoSplitIn(trx, { original, originalVersion: version, continuation, continuationVersion: continuedByVersion }, actor, now));
    await this.#settled(continuedBy, 'undoSplit');
    return this.#settled(id, 'undoSplit');
  }

  async #except(id: number, version: number, occurrenceAt: number, to: number | null, actor: string, reason?: string): Promise<ScheduleView> {
    const before = await this.#current(id);
    const now = this.#deps.clock.now();
    const when = new Date(occurrenceAt).toISOString();
    if (occurrenceAt <= now) throw new DomainError('invalid-argument', `The occurrence at ${when} is not in the future`);
    if (to !== null && to <= now) throw new DomainError('invalid-argument', `Cannot move an occurrence to ${new Date(to).toISOString()}: that is in the past`);
    const row = await this.#deps.db.selectFrom('schedules').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const exceptions = (await loadExceptions(this.#deps.db, [id], now)).get(id) ?? [];
    const timing = timingOf(row);
    const others = exceptions.filter((e) => e.occurrenceAt !== occurrenceAt);
    const fire = nextScheduledFire(timing, others, occurrenceAt - 1);
    if (!fire || fire.at !== occurrenceAt || fire.trigger === 'moved') {
      throw new DomainError('invalid-argument', `Schedule ${before.label} has no occurrence at ${when}`);
    }
    if (to !== null) {
      const clash = nextScheduledFire(timing, others, to - 1);
      if (clash && clash.at === to) {
        throw new DomainError('invalid-argument', `Schedule ${before.label} already fires at ${new Date(to).toISOString()}`);
      }
    }
    await this.#write(id, version, actor, to === null ? 'schedule.skipOccurrence' : 'schedule.moveOccurrence', before, async (trx) => {
      await trx.deleteFrom('schedule_exceptions').where('schedule_id', '=', id).where('occurrence_at', '=', occurrenceAt).execute();
      await trx
        .insertInto('schedule_exceptions')
        .values({ schedule_id: id, occurrence_at: occurrenceAt, action: to === null ? 'skip' : 'move', moved_to: to, reason: reason ?? null, created_at: now, created_by: actor })
        .execute();
      return {};
    }, { occurrence: when, ...(to === null ? { skipped: true } : { movedTo: new Date(to).toISOString() }), ...(reason === undefined ? {} : { reason }) });
    return this.#settled(id, to === null ? 'skipOccurrence' : 'moveOccurrence');
  }

  /**
   * Writes a change to a schedule read at `version`: the version moves on by one, the change is audited with
   * the state before and after, and the engine re-reads the schedule.
   */
  async #write(
    id: number,
    version: number,
    actor: string,
    action: string,
    before: ScheduleView,
    change: (trx: Transaction<Tables>) => Promise<Updateable<SchedulesTable>>,
    /** What the change did beyond the schedule's own columns (an occurrence moved), for the audit record. */
    detail: Readonly<Record<string, unknown>> = {},
  ): Promise<void> {
    const now = this.#deps.clock.now();
    await this.#deps.db.transaction().execute(async (trx) => {
      const values = await change(trx);
      const result = await trx
        .updateTable('schedules')
        .set({ ...values, version: version + 1, updated_at: now })
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) {
        const current = await trx.selectFrom('schedules').select(['version', 'updated_at']).where('id', '=', id).executeTakeFirst();
        const last = await trx
          .selectFrom('audit_log')
          .select(['actor', 'action', 'at'])
          .where('target_type', '=', 'schedule')
          .where('target_id', '=', String(id))
          .orderBy('id', 'desc')
          .executeTakeFirst();
        const who = last ? ` by ${last.actor} (${last.action}) at ${new Date(Number(last.at)).toISOString()}` : '';
        throw new DomainError(
          'version-conflict',
          `Schedule ${before.label} was changed${who}: you read version ${version}, it is now version ${current?.version ?? '?'}; reload it and apply your change again`,
        );
      }
      await recordAudit(trx, { at: now, actor, action, targetType: 'schedule', targetId: id, before, after: { ...values, ...detail } });
    });
  }

  async #settled(id: number, action: string): Promise<ScheduleView> {
    await this.#deps.engine.scheduleChanged(id);
    const view = await this.#current(id);
    this.#deps.changes?.publish('schedule', id, action, view.orgId);
    return view;
  }

  async #current(id: number): Promise<ScheduleView> {
    const view = await getSchedule(this.#deps.db, id);
    if (!view) throw new DomainError('not-found', `Schedule ${id} does not exist`);
    return view;
  }

  /** Checks a draft and returns the columns it defines. */
  #checked(draft: ScheduleDraft, now: number) {
    const label = draft.label.trim();
    if (label === '' || label.length > LABEL_MAX || /\p{Cc}/u.test(label)) {
      throw new DomainError('invalid-argument', `A label is 1 to ${LABEL_MAX} printable characters; got '${draft.label.slice(0, 40)}'`);
    }
    const bunch = this.#deps.bunches.byName(draft.bunch);
    if (!bunch) throw new DomainError('not-found', `Bunch ${draft.bunch} does not exist`);
    if (bunch.orgBunch !== (draft.orgId !== null)) {
      throw new DomainError(
        'scope-mismatch',
        bunch.orgBunch ? `Bunch ${bunch.name} is scheduled inside an org: give one` : `Bunch ${bunch.name} is satellite-level: it cannot be scheduled in an org`,
      );
    }
    const outOfScope = bunchScopeRefusal(bunch, this.#deps.catalog);
    if (outOfScope) throw new DomainError('scope-mismatch', outOfScope);
    const timeZone = draft.timeZone ?? this.#deps.settings().default_time_zone;
    if (!isValidTimeZone(timeZone)) throw new DomainError('invalid-time-zone', `Unknown time zone '${timeZone}' (expected an IANA name such as Europe/Prague)`);
    const cron = draft.cron ?? null;
    const runAt = draft.runAt ?? null;
    if ((cron === null) === (runAt === null)) throw new DomainError('invalid-argument', 'A schedule needs either a cron expression or a single instant (runAt), not both');
    if (cron !== null) {
      const checked = validateCron(cron);
      if (!checked.valid) throw new DomainError('invalid-cron', `Invalid cron expression '${cron}': ${checked.error}`);
    }
    if (runAt !== null && runAt <= now) throw new DomainError('invalid-argument', `runAt ${new Date(runAt).toISOString()} is in the past; run the bunch now instead`);
    const activeFrom = draft.activeFrom ?? null;
    const activeTill = draft.activeTill ?? null;
    if (activeFrom !== null && activeTill !== null && activeFrom >= activeTill) {
      throw new DomainError('invalid-argument', 'active_from must come before active_till');
    }
    const overlap = draft.overlapPolicy ?? 'SKIP';
    const misfire = draft.misfirePolicy ?? 'RUN_ONCE';
    if (!OVERLAP_POLICIES.includes(overlap)) throw new DomainError('invalid-argument', `Unknown overlap policy ${String(overlap)} (${OVERLAP_POLICIES.join(', ')})`);
    if (!MISFIRE_POLICIES.includes(misfire)) throw new DomainError('invalid-argument', `Unknown misfire policy ${String(misfire)} (${MISFIRE_POLICIES.join(', ')})`);
    let params;
    try {
      params = checkBunchParams(bunch, this.#deps.catalog, draft.params ?? {});
    } catch (error) {
      if (error instanceof ParameterError) throw new DomainError('invalid-parameter', error.message, { cause: error });
      throw error;
    }
    const row = {
      label,
      bunch_id: bunch.id,
      org_id: draft.orgId,
      kind: cron !== null ? 'cron' : 'once',
      cron_expr: cron,
      time_zone: timeZone,
      run_at: runAt,
      active_from: activeFrom,
      active_till: activeTill,
      params: JSON.stringify(params),
      overlap_policy: overlap,
      misfire_policy: misfire,
    };
    if (!nextScheduledFire(timingOf(row), [], now)) {
      throw new DomainError('invalid-argument', `Schedule ${label} would never fire after ${new Date(now).toISOString()} (check its cron and active window)`);
    }
    return row;
  }
}

async function requireOrg(trx: Transaction<Tables>, orgId: number): Promise<void> {
  const org = await trx.selectFrom('orgs').select('id').where('id', '=', orgId).executeTakeFirst();
  if (!org) throw new DomainError('not-found', `Org ${orgId} does not exist`);
}

async function requireFreeLabel(trx: Transaction<Tables>, label: string, orgId: number | null, exceptId: number | null): Promise<void> {
  let query = trx.selectFrom('schedules').select('id').where('label', '=', label).where('ended_at', 'is', null);
  query = orgId === null ? query.where('org_id', 'is', null) : query.where('org_id', '=', orgId);
  if (exceptId !== null) query = query.where('id', '!=', exceptId);
  const taken = await query.executeTakeFirst();
  if (taken) {
    throw new DomainError('label-taken', `An active schedule labelled '${label}' already exists ${orgId === null ? 'on the satellite' : `in org ${orgId}`} (id ${taken.id})`);
  }
}
