import { Worker } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { type DatabaseConnection, type Driver, Kysely, SqliteDialect, SqliteDriver, type SqliteDatabase, type SqliteDialectConfig, type SqliteStatement } from 'kysely';
import { type Database, DatabaseOpenError } from './database.js';
import type { Tables } from './tables.js';

export interface SqliteOptions {
  readonly file: string;
  /** Open an existing database for reading only (the CLI's read commands). */
  readonly readonly?: boolean;
}

/**
 * Opens (and creates when missing, unless read-only) a SQLite database file in WAL mode: the default store, one
 * file in the data folder, through better-sqlite3 (synchronous, in this process).
 */
export function openSqlite(options: SqliteOptions): Database {
  let raw: BetterSqlite3.Database;
  try {
    raw = new BetterSqlite3(options.file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
    raw.pragma('busy_timeout = 5000');
    if (!options.readonly) {
      // Takes effect on a new database only (before its first table): lets maintenance give free pages back
      // a slice at a time, instead of a VACUUM that holds the database for as long as it takes.
      raw.pragma('auto_vacuum = INCREMENTAL');
      raw.pragma('journal_mode = WAL');
      // NORMAL in WAL mode: a committed transaction survives a crash of the process (not of the OS).
      raw.pragma('synchronous = NORMAL');
      raw.pragma('temp_store = MEMORY');
    }
    raw.pragma('foreign_keys = ON');
    // Reading the schema proves the file is a SQLite database before anything relies on it.
    raw.prepare('select count(*) from sqlite_master').get();
  } catch (error) {
    throw new DatabaseOpenError(`Cannot open the database ${options.file}: ${describeSqliteError(error)}`, {
      cause: error,
    });
  }
  const statements = cachingStatements(raw);
  const db = new Kysely<Tables>({ dialect: new SqliteDialectKeepingErrors({ database: statements }) });
  return {
    db,
    dialect: 'sqlite',
    location: options.file,
    async maintain(signal) {
      const lines: string[] = [];
      const check = await quickCheckOffThread(options.file);
      lines.push(`integrity (quick_check): ${check}`);
      if (check !== 'ok') throw new Error(`Database integrity check failed: ${check}`);
      signal?.throwIfAborted();
      // Statistics from a sample of each index: bounded time whatever the size.
      raw.pragma('analysis_limit = 1000');
      raw.exec('analyze');
      raw.pragma('optimize');
      lines.push('statistics refreshed (ANALYZE, sampled)');
      lines.push(await giveBackFreePages(raw, signal));
      const checkpoint = raw.pragma('wal_checkpoint(TRUNCATE)') as ReadonlyArray<Record<string, number>>;
      lines.push(`write-ahead log checkpointed: ${JSON.stringify(checkpoint[0] ?? {})}`);
      return lines;
    },
    isTransientError(error) {
      const code = (error as { code?: unknown }).code;
      return typeof code === 'string' && /^SQLITE_(BUSY|LOCKED|FULL|IOERR|PROTOCOL|CANTOPEN|NOMEM)/.test(code);
    },
    async sizeBytes() {
      return pageBytes(raw);
    },
    queriesUnderWay: () => 0,
    limitPages(pages) {
      raw.pragma(`max_page_count = ${Math.max(1, Math.floor(pages))}`);
    },
    async close() {
      await db.destroy();
    },
  };
}

/**
 * SQLite rolls a transaction back by itself on some errors (a full disk, an I/O error); Kysely then asks for a
 * rollback too, which fails with "no transaction is active" and would replace the real cause in every
 * message. This driver skips that second rollback, so the error that surfaces is the one that happened.
 */
class SqliteDialectKeepingErrors extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new (class extends SqliteDriver {
      override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
        try {
          await super.rollbackTransaction(connection);
        } catch (error) {
          if (!/no transaction is active/i.test(error instanceof Error ? error.message : '')) throw error;
        }
      }
    })(this.#config);
  }
}

/** Runs quick_check on a connection of its own in a worker thread; resolves with SQLite's answer. */
function quickCheckOffThread(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('../../workers/sqlite-quick-check.mjs', import.meta.url), { workerData: { file } });
    worker.once('message', (message: { result?: string; error?: string }) => {
      if (message.error !== undefined) reject(new Error(`integrity check failed to run: ${message.error}`));
      else resolve(message.result ?? 'no answer');
    });
    worker.once('error', reject);
  });
}

/** Gives free pages back to the file system a slice at a time, letting the engine work between slices. */
async function giveBackFreePages(raw: BetterSqlite3.Database, signal?: AbortSignal): Promise<string> {
  const before = pageBytes(raw);
  const free = Number(raw.pragma('freelist_count', { simple: true }));
  if (free === 0) return `no free pages to give back (${before} bytes)`;
  if (Number(raw.pragma('auto_vacuum', { simple: true })) !== 2) {
    return `${free} free pages kept: this database was created without incremental vacuum (a VACUUM while the server is stopped gives them back)`;
  }
  while (Number(raw.pragma('freelist_count', { simple: true })) > 0) {
    raw.pragma('incremental_vacuum(256)');
    await new Promise<void>((resolve) => setImmediate(resolve));
    signal?.throwIfAborted();
  }
  return `gave back ${free} free pages: ${before} -> ${pageBytes(raw)} bytes`;
}

function pageBytes(raw: BetterSqlite3.Database): number {
  return Number(raw.pragma('page_count', { simple: true })) * Number(raw.pragma('page_size', { simple: true }));
}

/**
 * Kysely's SQLite driver prepares every query anew; preparing costs more than running a small statement, so
 * statements are kept by their SQL text (bounded, oldest dropped first).
 */
function cachingStatements(raw: BetterSqlite3.Database, limit = 500): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => raw.close(),
    prepare(sql: string): SqliteStatement {
      let statement = cache.get(sql);
      if (statement === undefined) {
        statement = raw.prepare(sql);
        if (cache.size >= limit) cache.delete(cache.keys().next().value as string);
        cache.set(sql, statement);
      }
      return statement as unknown as SqliteStatement;
    },
  };
}

function describeSqliteError(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  switch (code) {
    case 'SQLITE_NOTADB':
    case 'SQLITE_CORRUPT':
      return `the file is corrupt or not a SQLite database (${message})`;
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return `the database is locked by another process (${message})`;
    case 'SQLITE_CANTOPEN':
      return `the file cannot be opened (${message})`;
    default:
      return message;
  }
}
