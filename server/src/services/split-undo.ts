import type { Transaction } from 'kysely';
import type { ScheduleView } from '../db/repos/schedules-repo.js';
import type { Tables } from '../db/tables.js';
import { recordAudit } from './audit.js';
import { DomainError } from './domain-error.js';

/** The two schedules of a split, as the caller read them. */
export interface SplitPair {
  readonly original: ScheduleView;
  readonly originalVersion: number;
  readonly continuation: ScheduleView;
  readonly continuationVersion: number;
}

/**
 * Takes back a split ("this and following") in the caller's transaction: the original series gets the end it had
 * before the split (read from the split's audit record, the one place it is kept) and is reopened if the split
 * ended it; the continuation ends. Refused once the continuation has fired: its runs belong to it, and taking it
 * back would rewrite history; the calendar then offers to change the series instead.
 */
export async function undoSplitIn(trx: Transaction<Tables>, pair: SplitPair, actor: string, now: number): Promise<void> {
  const { original, continuation } = pair;
  // A stale read is a conflict first, whatever else changed: the caller reloads and sees the rest.
  if (original.version !== pair.originalVersion) throw conflict(original, pair.originalVersion);
  if (continuation.version !== pair.continuationVersion) throw conflict(continuation, pair.continuationVersion);
  const previousTill = await tillBeforeSplit(trx, original, continuation);
  if (continuation.endedAt !== null) throw new DomainError('invalid-argument', `Schedule ${continuation.label} has ended (${continuation.endReason ?? 'no reason'}); there is no split left to take back`);
  const fired = await trx.selectFrom('bunch_runs').select('id').where('schedule_id', '=', continuation.id).limit(1).executeTakeFirst();
  if (fired) throw new DomainError('invalid-argument', `Schedule ${continuation.label} has already run (run ${fired.id}); the split cannot be taken back, change the series instead`);
  const taken = await trx.selectFrom('schedules').select('id').where('label', '=', original.label).where('ended_at', 'is', null).where('id', 'not in', [original.id, continuation.id]).where((eb) => (original.orgId === null ? eb('org_id', 'is', null) : eb('org_id', '=', original.orgId))).executeTakeFirst();
  if (taken) throw new DomainError('label-taken', `Schedule ${original.label} cannot reopen: schedule ${taken.id} now has its label`);

  const reopened = await trx
    .updateTable('schedules')
    .set({ active_till: previousTill, ended_at: null, end_reason: null, next_fire_at: null, version: pair.originalVersion + 1, updated_at: now })
    .where('id', '=', original.id)
    .where('version', '=', pair.originalVersion)
    .executeTakeFirst();
  if (Number(reopened.numUpdatedRows) === 0) throw conflict(original, pair.originalVersion);
  const ended = await trx
    .updateTable('schedules')
    .set({ ended_at: now, end_reason: `split undone by ${actor}: ${original.label} continues`, next_fire_at: null, version: pair.continuationVersion + 1, updated_at: now })
    .where('id', '=', continuation.id)
    .where('version', '=', pair.continuationVersion)
    .executeTakeFirst();
  if (Number(ended.numUpdatedRows) === 0) throw conflict(continuation, pair.continuationVersion);
  await recordAudit(trx, { at: now, actor, action: 'schedule.undoSplit', targetType: 'schedule', targetId: original.id, before: original, after: { activeTill: previousTill, reopened: original.endedAt !== null, ended: continuation.id } });
}

/** The original's end before the split that made `continuation`, from that split's audit record. */
async function tillBeforeSplit(trx: Transaction<Tables>, original: ScheduleView, continuation: ScheduleView): Promise<number | null> {
  const splits = await trx
    .selectFrom('audit_log')
    .select(['before', 'after'])
    .where('target_type', '=', 'schedule')
    .where('target_id', '=', String(original.id))
    .where('action', '=', 'schedule.split')
    .orderBy('id', 'desc')
    .execute();
  for (const split of splits) {
    const after = JSON.parse(split.after ?? '{}') as { continuedBy?: number };
    if (after.continuedBy !== continuation.id) continue;
    const before = JSON.parse(split.before ?? '{}') as { activeTill?: number | null };
    return before.activeTill ?? null;
  }
  throw new DomainError('invalid-argument', `Schedule ${continuation.label} was not split from ${original.label}`);
}

function conflict(schedule: ScheduleView, version: number): DomainError {
  return new DomainError('version-conflict', `Schedule ${schedule.label} changed since you read version ${version}; reload it before taking the split back`);
}
