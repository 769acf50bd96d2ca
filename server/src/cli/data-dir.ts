import { resolve } from 'node:path';
import { loadConfigFile } from '../config/server-config.js';
import type { StoreTarget } from '../store-target.js';

/** Data folder when neither --data nor the configuration names one. */
export const DEFAULT_DATA_DIR = 'taskomatic-data';

/** The options that say where the data folder is, as every command that uses one takes them. */
export interface DataDirOptions {
  readonly data?: string;
  readonly config?: string;
  /** A PostgreSQL URL: the data is there, not in the data folder's SQLite file. */
  readonly database?: string;
}

/**
 * The data folder, found as `start` finds it: `--data`, else the configuration file's `dataDir`, else
 * ./taskomatic-data. Taking `--config` too means a command pointed at the server's configuration reads the
 * folder that server writes.
 */
export function dataDirOf(options: DataDirOptions): string {
  const configured = options.config ? loadConfigFile(resolve(options.config)).dataDir : null;
  return resolve(options.data ?? configured ?? DEFAULT_DATA_DIR);
}

/**
 * The data folder and the store, found as `start` finds them: `--database`, else the configuration's
 * `database`, else SQLite in the data folder.
 */
export function storeOf(options: DataDirOptions): StoreTarget {
  const configured = options.config ? loadConfigFile(resolve(options.config)).database : null;
  return { dataDir: dataDirOf(options), database: options.database ?? configured };
}
