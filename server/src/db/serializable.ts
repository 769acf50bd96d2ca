import { type Kysely, PostgresAdapter, sql, type Transaction } from 'kysely';
import { isSerializationFailure } from './postgres-errors.js';
import type { Tables } from './tables.js';

/**
 * Runs `work` in a transaction that behaves as if it ran alone, on every dialect. For a read, a check, then a
 * write (is another satellite admin left? is this name free?), which PostgreSQL's default READ COMMITTED lets
 * two concurrent transactions pass at once. SQLite's transactions already run one at a time (Kysely's SQLite
 * driver holds its one connection for the whole transaction and ignores the isolation level). PostgreSQL's run
 * SERIALIZABLE; one it aborts for a conflict with a concurrent one (SQLSTATE 40001, or a deadlock) runs again,
 * from the start, up to `attempts` times (default: 10), after a random pause that grows with each attempt, so
 * that transactions that collided (many creates at once on several nodes) do not collide again in step. `work`
 * must have no effect outside the transaction.
 */
export async function serializable<T>(db: Kysely<Tables>, work: (trx: Transaction<Tables>) => Promise<T>, attempts = 10): Promise<T> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  for (let attempt = 1; ; attempt++) {
    try {
      return await db
        .transaction()
        .setIsolationLevel('serializable')
        .execute(async (trx) => {
          // A sequential scan locks the whole table for the conflict check, so any concurrent write aborts one of
          // the two; an index scan locks only what it read (PostgreSQL's advice: prefer index scans under SSI).
          if (postgres) await sql`set local enable_seqscan = off`.execute(trx);
          return work(trx);
        });
    } catch (error) {
      if (attempt >= attempts || !isSerializationFailure(error)) throw error;
      const pauseMs = Math.random() * Math.min(200, 2 ** attempt);
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }
}
