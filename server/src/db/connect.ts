import { assertNever } from '@taskomatic/shared';
import { type Database, DatabaseOpenError } from './database.js';
import { openPostgres } from './postgres-store.js';
import { openSqlite } from './sqlite-store.js';

export { type Database, DatabaseOpenError, type Dialect } from './database.js';
export { openPostgres } from './postgres-store.js';
export { openSqlite } from './sqlite-store.js';

/**
 * Where the server keeps its data: a SQLite file (the default, in the data folder) or a PostgreSQL database
 * named by a URL (`--database`, or `database:` in the configuration).
 */
export type StoreLocation = { readonly dialect: 'sqlite'; readonly file: string } | { readonly dialect: 'postgres'; readonly url: string };

/** How to open a store. */
export interface OpenOptions {
  /** Read only: nothing is created, nothing changes (the CLI's read commands). */
  readonly readonly?: boolean;
  /** An idle PostgreSQL connection failed (the pool replaces it); SQLite has none. */
  readonly onIdleError?: (error: Error) => void;
  /** PostgreSQL: a transaction left open without a statement this long is ended (see PostgresOptions). */
  readonly idleInTransactionMs?: number;
}

/** The store a `--database` value names: only PostgreSQL URLs, since SQLite lives in the data folder. */
export function postgresLocation(url: string): StoreLocation {
  if (!/^postgres(ql)?:\/\//i.test(url)) {
    throw new DatabaseOpenError(`'${url}' is not a PostgreSQL URL (postgres://USER@HOST:PORT/DATABASE); leave the database out to use SQLite in the data folder`);
  }
  return { dialect: 'postgres', url };
}

/** Opens a store; the one place that chooses the dialect. */
export async function openStore(location: StoreLocation, options: OpenOptions = {}): Promise<Database> {
  switch (location.dialect) {
    case 'sqlite':
      return openSqlite({ file: location.file, readonly: options.readonly ?? false });
    case 'postgres':
      return openPostgres({
        url: location.url,
        readonly: options.readonly ?? false,
        ...(options.onIdleError ? { onIdleError: options.onIdleError } : {}),
        ...(options.idleInTransactionMs ? { idleInTransactionMs: options.idleInTransactionMs } : {}),
      });
    default:
      return assertNever(location);
  }
}
