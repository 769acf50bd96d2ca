import { type Kysely, sql } from 'kysely';
import type { Database } from '../database.js';
import { LATEST_MIGRATION, migrateToLatest } from '../migrate.js';
import type { Tables } from '../tables.js';
import { COPIED_TABLES, type CopiedTable, uncoveredTables } from './copied-tables.js';
import { moveIdentityCounters } from './identity-counters.js';
import { keysetPages, type Row } from './keyset-pages.js';

/** Error for a copy that cannot be made, saying why and what to do. */
export class StoreCopyError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StoreCopyError';
  }
}

export interface CopyOptions {
  /** Copy even into a store that holds Taskomatic tables, replacing everything in them (default: refuse). */
  readonly replace?: boolean;
  /** Rows read and written per statement (default: 1000; log chunks, which may be large, 64). */
  readonly pageSize?: number;
  /** Told after each table, with its row count. */
  readonly onTable?: (table: string, rows: number) => void;
}

/** Parameters per statement, below SQLite's limit (32766) and PostgreSQL's (65535). */
const MAX_PARAMETERS = 30_000;

/**
 * Copies every table of `source` into `target`, rows as they are (ids included), in one transaction of the
 * target: either all of it is there afterwards, or none of it. The target gets the latest schema first (the
 * same migrations on every dialect); the rows its migrations install are replaced by the source's. Both stores
 * must be held by the caller so that no server writes to them meanwhile. Returns the rows copied per table.
 */
export async function copyStore(source: Database, target: Database, options: CopyOptions = {}): Promise<ReadonlyArray<{ table: string; rows: number }>> {
  await checkSource(source);
  const existing = await tableNames(target);
  if (existing.length > 0 && !options.replace) {
    throw new StoreCopyError(
      `${target.location} already holds tables (${existing.slice(0, 5).join(', ')}${existing.length > 5 ? ', ...' : ''}); ` +
        'copy into an empty database, or pass --replace to replace everything in it',
    );
  }
  await migrateToLatest(target.db, `The database ${target.location}`);
  const copied: Array<{ table: string; rows: number }> = [];
  await target.db.transaction().execute(async (trx) => {
    for (const table of [...COPIED_TABLES].reverse()) await trx.deleteFrom(table.name).execute();
    for (const table of COPIED_TABLES) {
      const rows = await copyTable(source.db, trx, table, options.pageSize ?? (table.name === 'log_chunks' ? 64 : 1000));
      copied.push({ table: table.name, rows });
      options.onTable?.(table.name, rows);
    }
    await moveIdentityCounters(target, trx);
  });
  return copied;
}

/** The source must be a Taskomatic store of exactly this build's schema, with no table the copy would miss. */
async function checkSource(source: Database): Promise<void> {
  const names = await tableNames(source);
  if (!names.includes('schema_migrations')) throw new StoreCopyError(`${source.location} is not a Taskomatic database (it has no schema_migrations table)`);
  const { rows } = await sql<{ name: string }>`select name from schema_migrations`.execute(source.db);
  const applied = rows.map((r) => r.name).sort().at(-1) ?? '(none)';
  if (applied !== LATEST_MIGRATION) {
    throw new StoreCopyError(
      `${source.location} has schema ${applied}, this build copies ${LATEST_MIGRATION}: ` +
        (applied < LATEST_MIGRATION ? 'start this build once on it to migrate it, then copy' : "use the newer build's command line"),
    );
  }
  const unknown = uncoveredTables(names);
  if (unknown.length > 0) throw new StoreCopyError(`${source.location} has tables this build cannot copy: ${unknown.join(', ')}`);
}

async function tableNames(database: Database): Promise<string[]> {
  return (await database.db.introspection.getTables()).map((t) => t.name);
}

async function copyTable(from: Kysely<Tables>, to: Kysely<Tables>, table: CopiedTable, pageSize: number): Promise<number> {
  let count = 0;
  for await (const page of keysetPages(from, table, pageSize)) {
    const columns = Object.keys(page[0] as Row);
    const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
    for (let start = 0; start < page.length; start += perStatement) {
      await insertRows(to, table.name, columns, page.slice(start, start + perStatement));
    }
    count += page.length;
  }
  return count;
}

function insertRows(db: Kysely<Tables>, table: string, columns: ReadonlyArray<string>, rows: ReadonlyArray<Row>) {
  const names = sql.join(columns.map((column) => sql.ref(column)));
  const tuples = sql.join(rows.map((row) => sql`(${sql.join(columns.map((column) => row[column] ?? null))})`));
  return sql`insert into ${sql.table(table)} (${names}) values ${tuples}`.execute(db);
}
