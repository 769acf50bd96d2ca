import type { Kysely } from 'kysely';
import type { Tables } from '../db/tables.js';

/** One change, as the audit trail keeps it. */
export interface AuditEntry {
  readonly at: number;
  /** Who: a user name, or `installer`, `cli`, `scheduler`. */
  readonly actor: string;
  /** What, as `noun.verb` (e.g. `schedule.pause`). */
  readonly action: string;
  readonly targetType: string;
  readonly targetId: number | string | null;
  readonly before: unknown;
  readonly after: unknown;
  /** Network address of the caller, when the change came over the API. */
  readonly address?: string | null;
}

/** Records a change; call it inside the transaction that makes the change, so both or neither are stored. */
export async function recordAudit(db: Kysely<Tables>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: entry.at,
      actor: entry.actor,
      action: entry.action,
      target_type: entry.targetType,
      target_id: entry.targetId === null ? null : String(entry.targetId),
      before: entry.before === null ? null : JSON.stringify(entry.before),
      after: entry.after === null ? null : JSON.stringify(entry.after),
      address: entry.address ?? null,
    })
    .execute();
}
