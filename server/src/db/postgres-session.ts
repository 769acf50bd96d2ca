import { hostname } from 'node:os';
import { Client } from 'pg';
import { DatabaseOpenError } from './database.js';
import { describePostgresOpenError, redactUrl } from './postgres-errors.js';

/** Error for a PostgreSQL database that something else holds (a store copy, or servers while one is copied). */
export class StoreLockedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreLockedError';
  }
}

/** The advisory lock keys' first half: any fixed number, the same in every build ("tskm"). Locks are per database. */
const LOCK_CLASS = 0x74736b6d;
/** Second half of the store lock: servers share it, a store copy or an offline migration takes it alone. */
const STORE_LOCK = 0;
/** Second half of the start lock: nodes decide how to recover one at a time. */
const START_LOCK = 1;

/** How a process holds the store: servers share it; a copy or an offline migration needs it alone. */
export type StoreHold = 'shared' | 'exclusive';

/**
 * A process's own session on a PostgreSQL database, for as long as it runs: it holds the store lock (shared by
 * every server node, exclusive for a store copy), and, for a server node, a lock named after the node. PostgreSQL
 * drops both the moment the session ends, however the process ends, so another node tells a node whose process
 * is gone from one that is only slow by trying its lock. The session also carries the notices nodes send each
 * other (LISTEN/NOTIFY) and reads the database's clock. It is named after this host and pid, so a refusal can
 * say who holds the store.
 */
export class PostgresSession {
  readonly #client: Client;
  #closing = false;
  #queue: Promise<unknown> = Promise.resolve();
  readonly #listeners = new Map<string, (payload: string) => void>();

  private constructor(client: Client) {
    this.#client = client;
    client.on('notification', (message) => this.#listeners.get(message.channel)?.(message.payload ?? ''));
  }

  /** Opens the session and takes the store lock; `onLost` hears when the session breaks (its locks are gone). */
  static async open(url: string, hold: StoreHold, onLost: (error: Error) => void): Promise<PostgresSession> {
    const client = new Client({ connectionString: url, application_name: `taskomatic-server ${hostname()} pid ${process.pid}` });
    const session = new PostgresSession(client);
    client.on('error', (error) => {
      if (!session.#closing) onLost(error);
    });
    try {
      await client.connect();
    } catch (error) {
      throw new DatabaseOpenError(`Cannot open the database ${redactUrl(url)}: ${describePostgresOpenError(error)}`, { cause: error });
    }
    try {
      const lock = hold === 'shared' ? 'pg_try_advisory_lock_shared' : 'pg_try_advisory_lock';
      const { rows } = await client.query<{ locked: boolean }>(`select ${lock}($1, $2) as locked`, [LOCK_CLASS, STORE_LOCK]);
      if (rows[0]?.locked !== true) {
        const holders = await session.#storeHolders();
        throw new StoreLockedError(
          hold === 'shared'
            ? `The database ${redactUrl(url)} is being copied or migrated${holders ? ` (by ${holders})` : ''}; wait for it to finish`
            : `A taskomatic-server${holders ? ` (${holders})` : ''} is running on ${redactUrl(url)}; stop every server on it first`,
        );
      }
    } catch (error) {
      await session.close();
      throw error;
    }
    return session;
  }

  /** Names this session after a server node: its lock is held until the session ends. */
  async holdNode(nodeId: string): Promise<void> {
    await this.#query('select pg_advisory_lock($1, hashtext($2))', [LOCK_CLASS, nodeId]);
  }

  /** Among `nodeIds`, the nodes whose session has ended (their lock is free): their process is gone. */
  async gone(nodeIds: ReadonlyArray<string>): Promise<ReadonlySet<string>> {
    if (nodeIds.length === 0) return new Set();
    // A transaction-level try: taken for the instant of the check, released at commit.
    const rows = await this.#transaction(async () => {
      const result = await this.#client.query<{ id: string }>(
        'select id from unnest($2::text[]) as id where pg_try_advisory_xact_lock($1, hashtext(id))',
        [LOCK_CLASS, [...nodeIds]],
      );
      return result.rows;
    });
    return new Set(rows.map((r) => r.id));
  }

  /** Runs `task` while no other node runs its own: node starts decide how to recover one at a time. */
  async whileStarting<T>(task: () => Promise<T>): Promise<T> {
    await this.#query('select pg_advisory_lock($1, $2)', [LOCK_CLASS, START_LOCK]);
    try {
      return await task();
    } finally {
      await this.#query('select pg_advisory_unlock($1, $2)', [LOCK_CLASS, START_LOCK]).catch(() => undefined);
    }
  }

  /** The database's clock in epoch milliseconds, and the round trip that bounds the reading's error. */
  async databaseTime(): Promise<{ readonly at: number; readonly sentAt: number; readonly roundTripMs: number }> {
    const sentAt = performance.timeOrigin + performance.now();
    const rows = await this.#query<{ at: number }>('select (extract(epoch from clock_timestamp()) * 1000)::float8 as at');
    const receivedAt = performance.timeOrigin + performance.now();
    return { at: Number(rows[0]?.at), sentAt, roundTripMs: receivedAt - sentAt };
  }

  /**
   * Records node `nodeId`'s heartbeat, on this session rather than the pool, so that a node busy enough to
   * fill its pool still shows it is alive. False when another node has taken over its work.
   */
  async heartbeat(nodeId: string, at: number, clockOffsetMs: number): Promise<boolean> {
    return this.#serial(async () => {
      const result = await this.#client.query('update nodes set heartbeat_at = $2, clock_offset_ms = $3 where id = $1 and taken_over_by is null', [
        nodeId,
        at,
        clockOffsetMs,
      ]);
      return result.rowCount === 1;
    });
  }

  /** Hears notices on `channel` (a node telling the others something). */
  async listen(channel: string, listener: (payload: string) => void): Promise<void> {
    this.#listeners.set(channel, listener);
    await this.#query(`listen ${quoteIdentifier(channel)}`);
  }

  /** Sends a notice to every node listening on `channel`. */
  async notify(channel: string, payload: string): Promise<void> {
    await this.#query('select pg_notify($1, $2)', [channel, payload]);
  }

  /** Ends the session, which releases its locks. */
  async close(): Promise<void> {
    this.#closing = true;
    await this.#client.end().catch(() => undefined);
  }

  /** Statements on the one connection go one after the other. */
  #query<R extends object>(text: string, values: ReadonlyArray<unknown> = []): Promise<R[]> {
    return this.#serial(async () => (await this.#client.query<R>(text, [...values])).rows);
  }

  #transaction<T>(task: () => Promise<T>): Promise<T> {
    return this.#serial(async () => {
      await this.#client.query('begin');
      try {
        const result = await task();
        await this.#client.query('commit');
        return result;
      } catch (error) {
        await this.#client.query('rollback').catch(() => undefined);
        throw error;
      }
    });
  }

  #serial<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(task);
    this.#queue = result.catch(() => undefined);
    return result;
  }

  /** Who holds the store lock, as their sessions named themselves (the host and pid of each). */
  async #storeHolders(): Promise<string | null> {
    const { rows } = await this.#client.query<{ name: string }>(
      `select distinct a.application_name as name from pg_locks l join pg_stat_activity a on a.pid = l.pid
        where l.locktype = 'advisory' and l.granted and l.classid = $1 and l.objid = $2 and l.pid <> pg_backend_pid()
          and l.database = (select oid from pg_database where datname = current_database())`,
      [LOCK_CLASS, STORE_LOCK],
    );
    const names = rows.map((r) => (r.name.startsWith('taskomatic-server ') ? r.name.slice('taskomatic-server '.length) : r.name));
    return names.length > 0 ? names.join(', ') : null;
  }
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
