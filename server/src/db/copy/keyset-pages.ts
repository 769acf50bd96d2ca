import { type Kysely, sql } from 'kysely';
import type { Tables } from '../tables.js';
import type { CopiedTable } from './copied-tables.js';

/** A row as read from either dialect: numbers, strings, bytes or null. */
export type Row = Readonly<Record<string, unknown>>;

/**
 * Reads a table in pages of `pageSize` rows in the order of its primary key, each page starting after the last
 * key of the one before (a keyset, so a page costs the same at the end of a large table as at its start).
 * Row-value comparison `(a, b) > (x, y)` is understood by SQLite and PostgreSQL alike.
 */
export async function* keysetPages(db: Kysely<Tables>, table: CopiedTable, pageSize: number): AsyncGenerator<ReadonlyArray<Row>> {
  const keys = sql.join(table.key.map((column) => sql.ref(column)));
  let after: ReadonlyArray<unknown> | null = null;
  for (;;) {
    const where = after === null ? sql`` : sql`where (${keys}) > (${sql.join(after.map((value) => sql`${value}`))})`;
    const { rows } = await sql<Row>`select * from ${sql.table(table.name)} ${where} order by ${keys} limit ${pageSize}`.execute(db);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1] as Row;
    after = table.key.map((column) => last[column]);
  }
}
