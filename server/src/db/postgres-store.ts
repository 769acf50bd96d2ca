import { Kysely, PostgresDialect, sql } from 'kysely';
import { type CustomTypesConfig, Pool, types } from 'pg';
import { type Database, DatabaseOpenError } from './database.js';
import { describePostgresOpenError, isTransientPostgresError, redactUrl } from './postgres-errors.js';
import type { Tables } from './tables.js';

export interface PostgresOptions {
  /** A `postgres://` (or `postgresql://`) connection URL; libpq's environment variables fill what it leaves out. */
  readonly url: string;
  /** Every transaction read-only (the CLI's read commands): a read command never changes a database. */
  readonly readonly?: boolean;
  /** Connections kept open at most (default: 10). */
  readonly maxConnections?: number;
  /** An idle connection failed (the server restarted, the network dropped): the pool replaces it by itself. */
  readonly onIdleError?: (error: Error) => void;
  /**
   * A transaction left open without a statement this long is ended by PostgreSQL, with its session: a node that
   * hangs mid-transaction must not hold its row locks (and so the takeover of its work) for ever.
   */
  readonly idleInTransactionMs?: number;
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/**
 * The query layer's numbers are JavaScript numbers (tables.ts), while node-postgres hands 64-bit integers
 * (`bigint` columns, `count(*)`) and numerics (`sum` of a bigint) over as strings, because a double cannot hold
 * every 64-bit value. Instants in milliseconds, ids and byte counts stay far below 2^53, so they are parsed as
 * numbers here, per pool, without touching node-postgres's global parsers; a value that would lose precision
 * fails loudly rather than silently changing.
 */
const NUMBER_TYPES: CustomTypesConfig = {
  getTypeParser: (oid, format) => {
    if (format !== 'binary' && oid === INT8_OID) return parseSafeInteger;
    if (format !== 'binary' && oid === NUMERIC_OID) return Number;
    return types.getTypeParser(oid, format);
  },
};

function parseSafeInteger(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`64-bit value ${text} does not fit a JavaScript number`);
  return value;
}

/**
 * Opens a PostgreSQL database through a pool of node-postgres connections, and checks that it answers (so a
 * wrong URL, a refused password or a missing database is reported here, naming the server). The schema is
 * created by the same migrations as SQLite's (migrate.ts).
 */
export async function openPostgres(options: PostgresOptions): Promise<Database> {
  const location = redactUrl(options.url);
  const settings = [
    ...(options.readonly ? ['-c default_transaction_read_only=on'] : []),
    ...(options.idleInTransactionMs ? [`-c idle_in_transaction_session_timeout=${Math.round(options.idleInTransactionMs)}`] : []),
  ];
  const pool = new Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    application_name: 'taskomatic-server',
    types: NUMBER_TYPES,
    connectionTimeoutMillis: 10_000,
    ...(settings.length > 0 ? { options: settings.join(' ') } : {}),
  });
  pool.on('error', (error) => options.onIdleError?.(error));
  // A connection that breaks while checked out (between the statements of a transaction, say after PostgreSQL
  // ended a transaction left idle too long) emits 'error' with nobody listening, which would end the process;
  // its next statement fails instead, and the pool drops it when it is released.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw new DatabaseOpenError(`Cannot open the database ${location}: ${describePostgresOpenError(error)}`, { cause: error });
  }
  return {
    db,
    dialect: 'postgres',
    location,
    maintain: (signal) => maintainPostgres(db, signal),
    sizeBytes: () => databaseBytes(db),
    isTransientError: isTransientPostgresError,
    // Kysely holds a pool client for exactly as long as a query (or a transaction) is under way.
    queriesUnderWay: () => pool.totalCount - pool.idleCount + pool.waitingCount,
    async close() {
      await db.destroy();
    },
  };
}

/**
 * VACUUM (ANALYZE) of each of the schema's tables, one at a time so the engine's writes go on between them:
 * dead rows become reusable space and the planner's statistics are fresh. PostgreSQL checks its own pages as it
 * reads them, and autovacuum usually got there first; this pass makes the weekly maintenance run deterministic.
 * VACUUM FULL, which would give space back to the file system, locks each table for as long as it takes: left
 * to an administrator.
 */
async function maintainPostgres(db: Kysely<Tables>, signal?: AbortSignal): Promise<ReadonlyArray<string>> {
  const { rows } = await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = current_schema() order by tablename`.execute(db);
  const before = await databaseBytes(db);
  for (const { name } of rows) {
    signal?.throwIfAborted();
    await sql`vacuum (analyze) ${sql.table(name)}`.execute(db);
  }
  return [
    `dead rows reclaimed and statistics refreshed (VACUUM ANALYZE) on ${rows.length} tables`,
    `database size: ${before} -> ${await databaseBytes(db)} bytes (VACUUM FULL, which locks each table, is left to an administrator)`,
  ];
}

async function databaseBytes(db: Kysely<Tables>): Promise<number> {
  const { rows } = await sql<{ bytes: number }>`select pg_database_size(current_database()) as bytes`.execute(db);
  return Number(rows[0]?.bytes ?? 0);
}
