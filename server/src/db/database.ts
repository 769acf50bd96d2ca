import type { Kysely } from 'kysely';
import type { Tables } from './tables.js';

/** The stores the server can keep its data in: SQLite (the default, a file in the data folder) or PostgreSQL. */
export type Dialect = 'sqlite' | 'postgres';

/**
 * An open store. Everything outside `src/db` receives a `Database` and speaks Kysely, which is
 * dialect-agnostic; what cannot be said portably (pragmas, maintenance, size, which errors are worth a retry)
 * is a method here, implemented once per dialect (sqlite-store.ts, postgres-store.ts).
 */
export interface Database {
  readonly db: Kysely<Tables>;
  readonly dialect: Dialect;
  /** Where the data lives, for messages (a file path or a URL; never a password). */
  readonly location: string;
  /** Integrity check, statistics, compaction: what the dialect offers. Lines describe what was done. */
  maintain(signal?: AbortSignal): Promise<ReadonlyArray<string>>;
  /** Bytes the database occupies. */
  sizeBytes(): Promise<number>;
  /**
   * True for an error that may go away by itself (busy, locked, full, I/O, a serialization failure, a lost
   * connection): worth retrying the write.
   */
  isTransientError(error: unknown): boolean;
  /**
   * Queries sent and not yet answered, or waiting for a connection (0 when the store is idle). SQLite answers
   * within the call, so it is always 0 there; a fake clock waits for 0 before moving time on.
   */
  queriesUnderWay(): number;
  /** Stops new writes from growing the file past `pages` pages (SQLite only: used to test a full disk). */
  limitPages?(pages: number): void;
  close(): Promise<void>;
}

/** Error for a database that cannot be used, with the file or server named. */
export class DatabaseOpenError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DatabaseOpenError';
  }
}
