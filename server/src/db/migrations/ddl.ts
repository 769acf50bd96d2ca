import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Column helpers for migrations, so one migration serves every dialect. Like the migrations themselves, this
 * file is frozen in time: change it only by adding, never by changing what an existing helper emits.
 */
export function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** An auto-generated 64-bit primary key. */
export function identity(db: Kysely<unknown>) {
  return isPostgres(db)
    ? { type: sql`bigint`, build: (c: ColumnDefinitionBuilder) => c.primaryKey().generatedByDefaultAsIdentity() }
    : { type: sql`integer`, build: (c: ColumnDefinitionBuilder) => c.primaryKey().autoIncrement() };
}

/** Raw bytes. */
export function binary(db: Kysely<unknown>) {
  return isPostgres(db) ? sql`bytea` : sql`blob`;
}

/** A 64-bit primary key the application assigns (in SQLite the row id itself, so inserts stay cheap). */
export function assignedKey(db: Kysely<unknown>) {
  return isPostgres(db) ? sql`bigint` : sql`integer`;
}

/**
 * Text that compares and sorts by its bytes, as SQLite's does (its BINARY collation): on PostgreSQL the "C"
 * collation, whatever the database's default, so labels, names and keys sort (and are unique) the same on every
 * store. (Added with the PostgreSQL store, before any PostgreSQL database existed; SQLite's output is unchanged.)
 */
export function byteText(db: Kysely<unknown>) {
  return isPostgres(db) ? sql`text collate "C"` : sql`text`;
}
