import { sql } from 'kysely';
import { type Database, type Dialect, openStore } from '../../src/db/connect.js';
import { redactUrl } from '../../src/db/postgres-errors.js';
import { StoreLockedError } from '../../src/db/postgres-session.js';
import { dataFolder, DataFolderError } from '../../src/data-folder.js';
import { holdStore, type StoreTarget, storeLocation } from '../../src/store-target.js';
import { tempDataDir } from './harness.js';
import { createScratchDatabase } from './postgres.js';

/** Every row of every table, by table name, each table's rows in the order of all their columns. */
export type StoreSnapshot = Record<string, ReadonlyArray<Record<string, unknown>>>;

/**
 * A store for a test that starts servers and command lines on it: a temporary data folder and, for PostgreSQL, a
 * scratch database of its own.
 */
export interface StoreUnderTest extends StoreTarget {
  readonly dialect: Dialect;
  /** How the server's messages name it: the SQLite file, or the URL without its password. */
  readonly location: string;
  /** The command line's options that point at it: `--data DIR`, and `--database URL` for PostgreSQL. */
  readonly cliArgs: ReadonlyArray<string>;
  /** Opens it beside whatever runs on it; the caller closes it. */
  open(options?: { readonly readonly?: boolean }): Promise<Database>;
  /** What it holds, to compare before and after something that must change nothing. */
  snapshot(): Promise<StoreSnapshot>;
  /** True when no server holds it (the data folder's lock, or the database's). */
  isFree(): Promise<boolean>;
  /** Removes the folder and gives the database back. */
  dispose(): Promise<void>;
}

export async function newStoreUnderTest(dialect: Dialect, prefix = 'taskomatic-store-'): Promise<StoreUnderTest> {
  const folder = tempDataDir(prefix);
  const scratch = dialect === 'postgres' ? await createScratchDatabase() : null;
  const target: StoreTarget = { dataDir: folder.path, database: scratch?.url ?? null };
  const open = (options: { readonly readonly?: boolean } = {}) => openStore(storeLocation(target), options);
  return {
    ...target,
    dialect,
    location: scratch ? redactUrl(scratch.url) : dataFolder(folder.path).databaseFile,
    cliArgs: ['--data', folder.path, ...(scratch ? ['--database', scratch.url] : [])],
    open,
    async snapshot() {
      const database = await open({ readonly: true });
      try {
        return await snapshotOf(database);
      } finally {
        await database.close();
      }
    },
    async isFree() {
      try {
        const held = await holdStore(storeLocation(target));
        await held.release();
        return true;
      } catch (error) {
        if (error instanceof DataFolderError || error instanceof StoreLockedError) return false;
        throw error;
      }
    },
    async dispose() {
      folder.remove();
      scratch?.release();
    },
  };
}

async function snapshotOf(database: Database): Promise<StoreSnapshot> {
  const snapshot: StoreSnapshot = {};
  const tables = await database.db.introspection.getTables();
  for (const table of [...tables].sort((a, b) => a.name.localeCompare(b.name))) {
    const order = sql.raw(table.columns.map((_, i) => String(i + 1)).join(', '));
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table.name)} order by ${order}`.execute(database.db);
    snapshot[table.name] = rows;
  }
  return snapshot;
}
