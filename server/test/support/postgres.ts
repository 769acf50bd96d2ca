import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { afterFile } from './after-file.js';

/**
 * The PostgreSQL server the tests use: TASKOMATIC_TEST_DATABASE_URL, else the one server/scripts/ensure-postgres.sh
 * starts (127.0.0.1:5432, trust authentication, database `test`). The vitest global setup makes sure it answers.
 */
export const TEST_POSTGRES_URL = process.env.TASKOMATIC_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** An empty database for one test, that no other test sees while this one has it. */
export interface ScratchDatabase {
  readonly name: string;
  readonly url: string;
  /** Gives it back: the next test of this file gets it emptied. Several calls are one. */
  release(): void;
}

/**
 * Scratch databases of this test file (vitest runs each file in a process of its own, and a file's tests one
 * after the other). Creating a database costs about half a second and dropping one a third, so a file creates
 * one per test that needs one at the same time, and a later test gets a released one emptied (its schema
 * dropped and created again, which takes milliseconds). They are dropped after the file (after-file.ts).
 */
const free = new Set<string>();
const created = new Set<string>();

/** A database of its own for a test: `test_<random>` on the test server, empty. */
export async function createScratchDatabase(): Promise<ScratchDatabase> {
  let name = free.values().next().value;
  if (name === undefined) {
    name = `test_${randomBytes(6).toString('hex')}`;
    await withClient(TEST_POSTGRES_URL, (client) => createDatabase(client, name));
    if (created.size === 0) afterFile(dropScratchDatabases);
    created.add(name);
  } else {
    free.delete(name);
    await emptyDatabase(name);
  }
  const url = databaseUrl(name);
  const taken = name;
  return { name, url, release: () => void free.add(taken) };
}

/** Drops every database this file created. */
async function dropScratchDatabases(): Promise<void> {
  const names = [...created];
  created.clear();
  free.clear();
  if (names.length === 0) return;
  await withClient(TEST_POSTGRES_URL, async (client) => {
    for (const name of names) await client.query(`drop database if exists "${name}" with (force)`);
  });
}

/**
 * Creates an empty database. Its default collation is a linguistic one (ICU's en-US, where 'apple' sorts before
 * 'Banana'), as on many production servers, so the tests notice anything that depends on the database's
 * collation instead of the schema's; a server without ICU gets its own default. template0: copying template1
 * fails while anyone is connected to it, and template0 accepts no connections.
 */
async function createDatabase(client: Client, name: string): Promise<void> {
  try {
    await client.query(`create database "${name}" template template0 locale_provider icu icu_locale 'en-US' locale 'C.UTF-8'`);
  } catch {
    await client.query(`create database "${name}" template template0`);
  }
}

/** Ends what a test left connected (a server it crashed on purpose), then drops and recreates the schema. */
async function emptyDatabase(name: string): Promise<void> {
  await withClient(databaseUrl(name), async (client) => {
    await client.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
    await client.query('drop schema public cascade');
    await client.query('create schema public');
  });
}

function databaseUrl(name: string): string {
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withClient<T>(url: string, use: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}
