import { hostname } from 'node:os';
import { Client } from 'pg';
import { DatabaseOpenError } from './database.js';
import { describePostgresOpenError, redactUrl } from './postgres-errors.js';

/** Error for a PostgreSQL database another server is running on. */
export class StoreLockedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreLockedError';
  }
}

/** The advisory lock's key: any fixed number, the same in every build ("tskm"). Advisory locks are per database. */
const SERVER_LOCK_KEY = 0x74736b6d;

/**
 * One server per PostgreSQL database, as the data folder's lock gives one per SQLite file: until several nodes
 * can share a database (issue 6, part 3), a second server would fire every schedule again and take the first
 * one's running work for its own leftovers. The lock is a session-level advisory lock held on a connection of
 * its own for the server's lifetime: PostgreSQL releases it when that connection ends, however the process
 * ends. The connection is named after this host and pid, so a refused start can say who holds the lock.
 * `onLost` hears when the connection breaks (the lock is gone with it). Returns the release.
 */
export async function holdPostgresServerLock(url: string, onLost: (error: Error) => void): Promise<() => Promise<void>> {
  const client = new Client({ connectionString: url, application_name: `taskomatic-server ${hostname()} pid ${process.pid}` });
  let releasing = false;
  client.on('error', (error) => {
    if (!releasing) onLost(error);
  });
  try {
    await client.connect();
  } catch (error) {
    throw new DatabaseOpenError(`Cannot open the database ${redactUrl(url)}: ${describePostgresOpenError(error)}`, { cause: error });
  }
  try {
    const { rows } = await client.query<{ locked: boolean }>('select pg_try_advisory_lock($1) as locked', [SERVER_LOCK_KEY]);
    if (rows[0]?.locked !== true) {
      const holder = await lockHolder(client);
      throw new StoreLockedError(
        `Another taskomatic-server${holder ? ` (${holder})` : ''} is running on ${redactUrl(url)}; stop it first, or use another database`,
      );
    }
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  return async () => {
    releasing = true;
    // Ending the session releases the lock.
    await client.end().catch(() => undefined);
  };
}

/** Who holds the lock, as its connection named itself (the host and pid of the other server). */
async function lockHolder(client: Client): Promise<string | null> {
  const { rows } = await client.query<{ name: string }>(
    `select a.application_name as name from pg_locks l join pg_stat_activity a on a.pid = l.pid
      where l.locktype = 'advisory' and l.granted and l.objid = $1 and l.database = (select oid from pg_database where datname = current_database())`,
    [SERVER_LOCK_KEY],
  );
  const name = rows[0]?.name ?? '';
  return name.startsWith('taskomatic-server ') ? name.slice('taskomatic-server '.length) : null;
}
