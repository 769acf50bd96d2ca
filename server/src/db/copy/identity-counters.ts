import { type Kysely, sql } from 'kysely';
import type { Database } from '../database.js';
import type { Tables } from '../tables.js';

/** Tables whose `id` the database generates (an identity column; AUTOINCREMENT in SQLite). */
const GENERATED_IDS: ReadonlyArray<keyof Tables> = ['orgs', 'users', 'bunches', 'schedules', 'audit_log'];

/**
 * After rows were copied with their ids, the next generated id of each table must come after them. SQLite
 * moves its counter (sqlite_sequence) past an explicitly inserted id by itself; PostgreSQL's identity sequences
 * do not move, so each is set to the table's greatest id. `db` is the transaction the rows were copied in.
 */
export async function moveIdentityCounters(target: Database, db: Kysely<Tables>): Promise<void> {
  if (target.dialect !== 'postgres') return;
  for (const table of GENERATED_IDS) {
    // setval(..., false) makes `coalesce(max) + 1` the next value handed out (1 for an empty table).
    await sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce((select max(id) from ${sql.table(table)}), 0) + 1, false)`.execute(db);
  }
}
