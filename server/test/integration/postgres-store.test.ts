import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config/server-config.js';
import { type Database, DatabaseOpenError, openPostgres } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { tempDataDir } from '../support/harness.js';
import { createScratchDatabase, type ScratchDatabase, TEST_POSTGRES_URL } from '../support/postgres.js';
import { newStoreUnderTest } from '../support/store-under-test.js';
import { runCli as runWithInput } from '../cli/cli-process.js';
import { CliProcess, requireBuiltCli, runCli } from './helpers/cli.js';

/** Nothing of the tests listens there (ports 46000-46999 are for servers started by hand). */
const NOBODY = 'postgres://taskomatic:s3cret-password@127.0.0.1:46999/taskomatic';

/** What only the PostgreSQL store has: a server to reach, a lock in the database, its types and its errors. */
describe('the PostgreSQL store', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  beforeAll(() => requireBuiltCli());
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function migrated(): Promise<{ database: Database; scratch: ScratchDatabase }> {
    const scratch = await createScratchDatabase();
    cleanups.push(() => scratch.release());
    const database = await openPostgres({ url: scratch.url });
    cleanups.push(() => database.close());
    await migrateToLatest(database.db);
    return { database, scratch };
  }

  it('refuses an unreachable server, a missing database and a URL that is not PostgreSQL, without showing the password', async () => {
    const unreachable = await openPostgres({ url: NOBODY }).catch((e: unknown) => e);
    expect(unreachable).toBeInstanceOf(DatabaseOpenError);
    expect((unreachable as Error).message).toMatch(/^Cannot open the database postgres:\/\/taskomatic:\*\*\*@127\.0\.0\.1:46999\/taskomatic: nothing answers there/);
    expect((unreachable as Error).message).not.toContain('s3cret');
    const missing = new URL(TEST_POSTGRES_URL);
    missing.pathname = '/no_such_database_here';
    await expect(openPostgres({ url: missing.toString() })).rejects.toThrow(/the database does not exist; create it first/);
    expect(() => parseConfig('database: mysql://localhost/taskomatic\n', 'test.yaml')).toThrow(ConfigError);
    expect(() => parseConfig('database: mysql://localhost/taskomatic\n', 'test.yaml')).toThrow(/database: a PostgreSQL URL/);

    const folder = tempDataDir();
    cleanups.push(folder.remove);
    const cli = await runCli(['start', '--data', folder.path, '--database', NOBODY, '--listen', '127.0.0.1:0']);
    expect(cli.exit.code).toBe(1);
    expect(cli.stderr.trim().split('\n')).toHaveLength(1);
    expect(cli.stderr).toMatch(/nothing answers there/);
    expect(cli.stderr).not.toContain('s3cret');
    const wrong = await runCli(['runs', '--data', folder.path, '--database', 'mysql://localhost/x']);
    expect(wrong.stderr).toMatch(/is not a PostgreSQL URL/);
  });

  it('lets several servers share a database, and refuses a store copy while any runs, naming them', async () => {
    const store = await newStoreUnderTest('postgres');
    cleanups.push(() => store.dispose());
    const first = new CliProcess(['start', ...store.cliArgs, '--listen', '127.0.0.1:0']);
    cleanups.push(() => first.kill());
    await first.started();
    const otherFolder = tempDataDir();
    cleanups.push(otherFolder.remove);
    const second = new CliProcess(['start', '--data', otherFolder.path, '--database', store.database ?? '', '--listen', '127.0.0.1:0']);
    cleanups.push(() => second.kill());
    await second.started();
    expect(await store.isFree()).toBe(false);
    const copy = await runCli(['migrate-store', '--from', store.database ?? '', '--to', join(otherFolder.path, 'copy')]);
    expect(copy.exit.code).toBe(1);
    expect(copy.stderr).toMatch(new RegExp(`A taskomatic-server \\(.*pid (${first.pid}|${second.pid}).*\\) is running on postgres://.*stop every server on it first`));
    // The read commands work beside them.
    const schedules = await runCli(['schedules', ...store.cliArgs, '--json']);
    expect(schedules.exit.code).toBe(0);
    first.child.kill('SIGTERM');
    second.child.kill('SIGTERM');
    await Promise.all([first.exited, second.exited]);
    expect(await store.isFree()).toBe(true);
  });

  it('lets the user and org commands create the schema of an empty database, and leaves no data folder', async () => {
    const scratch = await createScratchDatabase();
    cleanups.push(() => scratch.release());
    const folder = tempDataDir();
    cleanups.push(folder.remove);
    const nowhere = join(folder.path, 'never-created');
    const store = ['--data', nowhere, '--database', scratch.url];
    expect((await runWithInput(['org', 'add', 'acme', ...store])).stdout).toBe('created org acme (id 1)\n');
    const add = await runWithInput(['user', 'add', 'bob', '--role', 'org-admin', '--org', 'acme', '--password-stdin', ...store], 'a very long password\n');
    expect(add).toMatchObject({ code: 0, stderr: '' });
    const users = await runWithInput(['user', 'list', '--json', ...store]);
    expect((JSON.parse(users.stdout) as Array<{ username: string; org: string }>).map((u) => [u.username, u.org])).toEqual([['bob', 'acme']]);
    expect(existsSync(nowhere)).toBe(false);
  });

  it('reads 64-bit integers and sums as numbers, and bytes as bytes', async () => {
    const { database } = await migrated();
    const db = database.db;
    await db.insertInto('orgs').values({ name: 'acme', created_at: 1_799_056_800_123 }).execute();
    const row = await db.selectFrom('orgs').select(['id', 'created_at']).where('name', '=', 'acme').executeTakeFirstOrThrow();
    expect(row).toEqual({ id: expect.any(Number), created_at: 1_799_056_800_123 });
    const { rows } = await sql<{ n: unknown; total: unknown; big: unknown }>`select count(*) as n, sum(created_at) as total, ${2 ** 40}::bigint as big from orgs`.execute(db);
    expect(rows[0]).toEqual({ n: 1, total: 1_799_056_800_123, big: 2 ** 40 });
    await expect(sql`select ${'9007199254740993'}::bigint as too_big`.execute(db)).rejects.toThrow(/does not fit a JavaScript number/);
  });

  it('keeps a read-only connection from writing', async () => {
    const { scratch } = await migrated();
    const reader = await openPostgres({ url: scratch.url, readonly: true });
    cleanups.push(() => reader.close());
    await expect(reader.db.insertInto('orgs').values({ name: 'nope', created_at: 0 }).execute()).rejects.toThrow(/read-only transaction/);
    expect(await reader.db.selectFrom('settings').select('key').execute()).not.toHaveLength(0);
  });

  it('calls a serialization failure and a lost connection transient, a constraint violation not', async () => {
    const { database } = await migrated();
    const db = database.db;
    // Two serializable transactions that each read what the other writes: PostgreSQL aborts one of them. Each
    // waits for the other's read before it writes, so they overlap however loaded the machine is.
    let reads = 0;
    let bothRead: () => void = () => undefined;
    const readDone = new Promise<void>((resolve) => (bothRead = resolve));
    const both = await Promise.allSettled(
      [1, 2].map((n) =>
        db
          .transaction()
          .setIsolationLevel('serializable')
          .execute(async (trx) => {
            await trx.selectFrom('orgs').select('id').execute();
            if (++reads === 2) bothRead();
            await readDone;
            await trx.insertInto('orgs').values({ name: `org-${n}`, created_at: 0 }).execute();
          }),
      ),
    );
    const failed = both.find((r) => r.status === 'rejected');
    expect(failed, 'one of the two transactions fails').toBeDefined();
    expect(database.isTransientError((failed as PromiseRejectedResult).reason)).toBe(true);

    expect(await db.selectFrom('orgs').select('name').execute()).toHaveLength(1);
    await db.insertInto('orgs').values({ name: 'twice', created_at: 0 }).execute();
    const duplicate = await db.insertInto('orgs').values({ name: 'twice', created_at: 0 }).execute().catch((e: unknown) => e);
    expect((duplicate as { code?: string }).code).toBe('23505');
    expect(database.isTransientError(duplicate)).toBe(false);

    const gone = await openPostgres({ url: NOBODY }).catch((e: unknown) => (e as Error).cause);
    expect(database.isTransientError(gone)).toBe(true);
  });

  it('maintains itself with VACUUM ANALYZE and reports its size', async () => {
    const { database } = await migrated();
    const size = await database.sizeBytes();
    expect(size).toBeGreaterThan(1_000_000);
    const lines = await database.maintain();
    expect(lines[0]).toBe('dead rows reclaimed and statistics refreshed (VACUUM ANALYZE) on 19 tables');
    expect(lines[1]).toMatch(/^database size: \d+ -> \d+ bytes/);
    expect(database.queriesUnderWay()).toBe(0);
  });
});
