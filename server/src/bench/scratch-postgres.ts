import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Client } from 'pg';

/**
 * The PostgreSQL server the cluster benchmarks create their databases on: TASKOMATIC_BENCH_DATABASE_URL, else
 * the one server/scripts/ensure-postgres.sh starts (127.0.0.1:5432, trust authentication). Only the server is
 * taken from it: each benchmark creates and drops a database of its own there.
 */
const SERVER_URL = process.env.TASKOMATIC_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A database created for one benchmark configuration. */
export interface ScratchPostgres {
  readonly url: string;
  /** Drops it, ending whatever is still connected. Several calls are one. */
  drop(): Promise<void>;
}

/** Creates `bench_<random>`, starting the local test server first when nothing answers. */
export async function createScratchPostgres(): Promise<ScratchPostgres> {
  await ensureServer();
  const name = `bench_${randomBytes(6).toString('hex')}`;
  // template0: copying template1 fails while anyone is connected to it, and template0 accepts no connections.
  await withClient(SERVER_URL, (client) => client.query(`create database "${name}" template template0`));
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  let dropping: Promise<void> | null = null;
  return {
    url: url.toString(),
    drop: () => {
      dropping ??= withClient(SERVER_URL, async (client) => {
        await client.query(`drop database if exists "${name}" with (force)`);
      });
      return dropping;
    },
  };
}

/** Answers, or runs ensure-postgres.sh (which starts a throw-away cluster) and tries once more. */
async function ensureServer(): Promise<void> {
  try {
    await withClient(SERVER_URL, (client) => client.query('select 1'));
    return;
  } catch (error) {
    if (process.env.TASKOMATIC_BENCH_DATABASE_URL) throw new Error('the PostgreSQL server of TASKOMATIC_BENCH_DATABASE_URL does not answer', { cause: error });
  }
  const script = fileURLToPath(new URL('../../scripts/ensure-postgres.sh', import.meta.url));
  const result = spawnSync('bash', [script], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 120_000, shell: false });
  if (result.status !== 0) throw new Error(`ensure-postgres.sh failed: ${result.stderr.toString().trim()}`);
}

async function withClient<T>(url: string, use: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}
