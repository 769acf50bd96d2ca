import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

/** The files of a data folder. */
export interface DataFolder {
  readonly path: string;
  readonly databaseFile: string;
  readonly lockFile: string;
  /** The pid of the server holding the lock, for messages (the lock itself is `lockFile`'s). */
  readonly pidFile: string;
}

/** Error for a data folder that another server holds, or that cannot be used. */
export class DataFolderError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DataFolderError';
  }
}

/** Where a data folder keeps its files (nothing is created). */
export function dataFolder(path: string): DataFolder {
  const absolute = resolve(path);
  return {
    path: absolute,
    databaseFile: join(absolute, 'taskomatic.db'),
    lockFile: join(absolute, 'taskomatic.lock'),
    pidFile: join(absolute, 'taskomatic.pid'),
  };
}

/**
 * Creates the folder when missing. With a PostgreSQL store the folder keeps only this process's local files
 * (the first admin's password), and is not locked: the database is the shared state, guarded by its own lock.
 */
export function createDataFolder(folder: DataFolder): void {
  try {
    mkdirSync(folder.path, { recursive: true, mode: 0o750 });
  } catch (error) {
    throw new DataFolderError(`Cannot create the data folder ${folder.path}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Creates the folder when missing and takes its lock: one server per SQLite data folder, since two would fire
 * every schedule twice. The lock is an exclusive SQLite lock on `taskomatic.lock`, held by the open file: the
 * operating system releases it when the process ends, however it ends (a crash, a kill -9), and a pid reused
 * after a reboot cannot hold it. Returns the function that releases it.
 */
export function lockDataFolder(folder: DataFolder): () => void {
  createDataFolder(folder);
  let lock: BetterSqlite3.Database;
  try {
    lock = new BetterSqlite3(folder.lockFile, { timeout: 0 });
    lock.pragma('locking_mode = EXCLUSIVE');
    lock.exec('begin exclusive');
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY') {
      const holder = readHolder(folder.pidFile);
      throw new DataFolderError(
        `Another taskomatic-server${holder ? ` (pid ${holder})` : ''} is running on ${folder.path}; stop it first, or use another --data folder`,
      );
    }
    throw new DataFolderError(`Cannot lock the data folder ${folder.path}: ${(error as Error).message}`, { cause: error });
  }
  writeFileSync(folder.pidFile, `${process.pid}\n`, { mode: 0o640 });
  return () => {
    rmSync(folder.pidFile, { force: true });
    lock.close();
  };
}

/**
 * Creates the database file, readable by the server's user only, when it does not exist yet: it holds run
 * logs and, once users exist, password and session hashes. SQLite gives its journal files the same mode.
 * An existing file keeps the mode its administrator gave it.
 */
export function createPrivateFile(file: string): void {
  if (existsSync(file)) return;
  closeSync(openSync(file, 'a', 0o600));
  chmodSync(file, 0o600);
}

function readHolder(pidFile: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(pidFile, 'utf8'), 10);
    return Number.isInteger(pid) ? pid : null;
  } catch {
    return null;
  }
}
