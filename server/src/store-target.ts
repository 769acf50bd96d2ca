import { dirname } from 'node:path';
import { type StoreLocation, postgresLocation } from './db/connect.js';
import { PostgresSession, type StoreHold } from './db/postgres-session.js';
import { createPrivateFile, dataFolder, lockDataFolder } from './data-folder.js';

/**
 * Where a server's data is: its data folder, and a PostgreSQL URL when the data is kept there instead of in the
 * folder's SQLite file.
 */
export interface StoreTarget {
  readonly dataDir: string;
  /** null: SQLite in the data folder. */
  readonly database: string | null;
}

/** The store a target names. */
export function storeLocation(target: StoreTarget): StoreLocation {
  return target.database === null ? { dialect: 'sqlite', file: dataFolder(target.dataDir).databaseFile } : postgresLocation(target.database);
}

/** A store taken by one server. */
export interface HeldStore {
  readonly location: StoreLocation;
  /** PostgreSQL: this process's own session, which holds the store lock (see PostgresSession). */
  readonly session: PostgresSession | null;
  /** Lets another server take the store. */
  release(): Promise<void>;
}

/**
 * Takes the store a server runs on (or copies, or migrates offline). SQLite: the data folder's file lock (the
 * folder is created when missing), so one server per folder, and the database file is created readable by this
 * user only. PostgreSQL: the database's advisory store lock (postgres-session.ts), `shared` by the server nodes
 * that run on it together, `exclusive` for a copy or an offline migration; the data folder is neither created
 * nor locked here, since the state that must not be shared is in the database.
 */
export async function holdStore(
  location: StoreLocation,
  options: { readonly hold?: StoreHold; readonly onLost?: (error: Error) => void } = {},
): Promise<HeldStore> {
  if (location.dialect === 'sqlite') {
    // The database file is always the data folder's taskomatic.db (storeLocation), so its folder is the one to lock.
    const unlock = lockDataFolder(dataFolder(dirname(location.file)));
    try {
      createPrivateFile(location.file);
    } catch (error) {
      unlock();
      throw error;
    }
    return { location, session: null, release: async () => unlock() };
  }
  const session = await PostgresSession.open(location.url, options.hold ?? 'exclusive', options.onLost ?? (() => undefined));
  return { location, session, release: () => session.close() };
}
