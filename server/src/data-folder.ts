import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The files of a data folder. */
export interface DataFolder {
  readonly path: string;
  readonly databaseFile: string;
  readonly lockFile: string;
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
  };
}

/**
 * Creates the folder when missing and takes its lock: one server per data folder, since two would fire every
 * schedule twice. A lock left by a process that no longer exists (a crash, a kill -9) is taken over.
 * Returns the function that releases it.
 */
export function lockDataFolder(folder: DataFolder): () => void {
  try {
    mkdirSync(folder.path, { recursive: true, mode: 0o750 });
  } catch (error) {
    throw new DataFolderError(`Cannot create the data folder ${folder.path}: ${(error as Error).message}`, { cause: error });
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(folder.lockFile, 'wx', 0o640);
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return () => rmSync(folder.lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new DataFolderError(`Cannot lock the data folder ${folder.path}: ${(error as Error).message}`, { cause: error });
      }
      const holder = Number.parseInt(readFileSync(folder.lockFile, 'utf8'), 10);
      if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) {
        throw new DataFolderError(
          `Another taskomatic-server (pid ${holder}) is running on ${folder.path}; stop it first, or use another --data folder`,
        );
      }
      rmSync(folder.lockFile, { force: true });
    }
  }
  throw new DataFolderError(`Cannot lock the data folder ${folder.path}: the lock file keeps coming back`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
