import { dirname } from 'node:path';
import { type StoreLocation, postgresLocation } from './db/connect.js';
import { holdPostgresServerLock } from './db/postgres-server-lock.js';
import { createPrivateFile, dataFolder, lockDataFolder } from './data-folder.js';
import type { Logger } from './logger.js';

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
  /** Lets another server take the store. */
  release(): Promise<void>;
}

/**
 * Takes the store a server runs on (or migrates), so that no second server runs on it. SQLite: the data
 * folder's file lock (the folder is created when missing), and the database file is created readable by this
 * user only. PostgreSQL: the database's advisory lock (postgres-server-lock.ts); the data folder is neither
 * created nor locked here, since the state that must not be shared is in the database.
 */
export async function holdStore(location: StoreLocation, logger?: Logger): Promise<HeldStore> {
  if (location.dialect === 'sqlite') {
    // The database file is always the data folder's taskomatic.db (storeLocation), so its folder is the one to lock.
    const unlock = lockDataFolder(dataFolder(dirname(location.file)));
    try {
      createPrivateFile(location.file);
    } catch (error) {
      unlock();
      throw error;
    }
    return { location, release: async () => unlock() };
  }
  const release = await holdPostgresServerLock(location.url, (error) =>
    logger?.error('lost the connection holding the database lock: another server could now start on this database', { error }),
  );
  return { location, release };
}
