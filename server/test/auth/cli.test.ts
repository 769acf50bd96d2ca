import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, Migrator } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AuthService } from '../../src/auth/auth-service.js';
import { LoginThrottle } from '../../src/auth/login-throttle.js';
import { SessionStore } from '../../src/auth/sessions.js';
import { DEFAULT_CONFIG } from '../../src/config/server-config.js';
import { dataFolder } from '../../src/data-folder.js';
import { openSqlite } from '../../src/db/connect.js';
import { LATEST_MIGRATION } from '../../src/db/migrate.js';
import * as schema from '../../src/db/migrations/0001-schema.js';
import * as defaultData from '../../src/db/migrations/0002-default-data.js';
import type { Tables } from '../../src/db/tables.js';
import { systemClock } from '../../src/engine/clock.js';
import { type RunningServer, startServer } from '../../src/main.js';
import { requireBuiltCli, runCli } from '../cli/cli-process.js';
import { PASSWORD } from './auth-fixture.js';

// The built command line, run as an administrator would: a child process on a temporary data folder.

const dirs: string[] = [];
function newDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'taskomatic-auth-cli-'));
  dirs.push(dir);
  return join(dir, 'data');
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

beforeAll(() => requireBuiltCli());

const userAdd = (data: string, name: string, args: string[], stdin = `${PASSWORD}\n`) =>
  runCli(['user', 'add', name, ...args, '--password-stdin', '--data', data], stdin);

/** An auth service over `db`, to check what the command line stored. */
function authOver(db: Kysely<Tables>): AuthService {
  return new AuthService({
    db,
    clock: systemClock,
    sessions: new SessionStore({ db, clock: systemClock, settings: () => ({ session_idle_minutes: 30 }) }),
    throttle: new LoginThrottle(systemClock),
  });
}

/** Runs `check` on the folder's database, opened for the moment. */
async function withDb<T>(data: string, check: (db: Kysely<Tables>) => Promise<T>): Promise<T> {
  const database = openSqlite({ file: dataFolder(data).databaseFile });
  try {
    return await check(database.db);
  } finally {
    await database.close();
  }
}

// Each run of the command line loads the server's modules: about a second, more on a busy machine.
describe('user add and org add on a data folder', { timeout: 90_000 }, () => {
  it('create and migrate a new folder, then add orgs and users that can log in', async () => {
    const data = newDir();
    const org = await runCli(['org', 'add', 'Acme Corp', '--data', data]);
    expect(org).toMatchObject({ code: 0, stdout: 'created org Acme Corp (id 1)\n', stderr: '' });
    expect(existsSync(dataFolder(data).databaseFile)).toBe(true);
    expect(await userAdd(data, 'root', ['--role', 'sat-admin'])).toMatchObject({ code: 0, stdout: 'created user root (sat-admin)\n', stderr: '' });
    // The org by name, ignoring case, or by id.
    expect(await userAdd(data, 'alice', ['--role', 'org-admin', '--org', 'acme corp'])).toMatchObject({ code: 0, stdout: 'created user alice (org-admin of Acme Corp)\n' });
    expect(await userAdd(data, 'bob', ['--role', 'org-admin', '--org', '1'], PASSWORD)).toMatchObject({ code: 0, stdout: 'created user bob (org-admin of Acme Corp)\n' });
    await withDb(data, async (db) => {
      const auth = authOver(db);
      // One trailing newline was dropped (or none was there).
      for (const name of ['root', 'alice', 'bob']) expect((await auth.login(name, PASSWORD, null)).caller.username).toBe(name);
      const migrations = await (db as unknown as Kysely<{ schema_migrations: { name: string } }>).selectFrom('schema_migrations').select('name').execute();
      expect(migrations.map((m) => m.name).at(-1)).toBe(LATEST_MIGRATION);
      const audit = await db.selectFrom('audit_log').select(['actor', 'action']).where('action', 'in', ['user.create', 'org.create']).execute();
      expect(audit).toEqual([
        { actor: 'cli', action: 'org.create' },
        { actor: 'cli', action: 'user.create' },
        { actor: 'cli', action: 'user.create' },
        { actor: 'cli', action: 'user.create' },
      ]);
    });
    const users = await runCli(['user', 'list', '--json', '--data', data]);
    expect(users.code).toBe(0);
    expect((JSON.parse(users.stdout) as Array<Record<string, unknown>>).map(({ created_at: _, ...u }) => u)).toEqual([
      { id: 2, username: 'alice', role: 'org-admin', org_id: 1, org: 'Acme Corp', disabled: false },
      { id: 3, username: 'bob', role: 'org-admin', org_id: 1, org: 'Acme Corp', disabled: false },
      { id: 1, username: 'root', role: 'sat-admin', org_id: null, org: null, disabled: false },
    ]);
    expect(users.stdout).not.toMatch(/scrypt|hash/);
    const table = await runCli(['user', 'list', '--data', data]);
    expect(table.stdout.split('\n')[0]).toMatch(/^ID\s+USERNAME\s+ROLE\s+ORG\s+STATE\s+CREATED \(UTC\)$/);
    expect(table.stdout).toMatch(/\n2\s+alice\s+org-admin\s+Acme Corp\s+enabled\s+\d{4}-/);
    const orgs = await runCli(['org', 'list', '--json', '--data', data]);
    expect(JSON.parse(orgs.stdout)).toEqual([{ id: 1, name: 'Acme Corp', created_at: expect.stringMatching(/Z$/) }]);
    expect((await runCli(['org', 'list', '--data', data])).stdout).toMatch(/^ID\s+NAME\s+CREATED \(UTC\)\n1\s+Acme Corp\s+\d{4}-/);
  });

  it('refuse invalid input with exit code 2 and one clear line, changing nothing', async () => {
    const data = newDir();
    const cases: Array<[Promise<{ code: number | null; stderr: string }>, RegExp]> = [
      [userAdd(data, 'bad name', ['--role', 'sat-admin']), /'bad name' is not a valid user name/],
      [userAdd(data, 'x', ['--role', 'root']), /--role must be one of sat-admin, org-admin/],
      [userAdd(data, 'x', []), /--role must be one of/],
      [userAdd(data, 'x', ['--role', 'org-admin']), /an org admin needs --org ORG/],
      [userAdd(data, 'x', ['--role', 'sat-admin', '--org', 'acme']), /a satellite admin belongs to no org/],
      [userAdd(data, 'x', ['--role', 'sat-admin'], 'short\n'), /at least 12 characters \(this one has 5\)/],
      [userAdd(data, 'x', ['--role', 'sat-admin'], ''), /the password on stdin is empty/],
      [userAdd(data, 'x', ['--role', 'sat-admin'], '\n'), /the password on stdin is empty/],
      // Only one newline is dropped: the second one is part of the password, and refused.
      [userAdd(data, 'x', ['--role', 'sat-admin'], `${PASSWORD}\n\n`), /control characters/],
      [userAdd(data, 'x', ['--role', 'sat-admin'], Buffer.from([0xff, 0xfe, 0x41]).toString('latin1')), /./],
      [runCli(['user', 'add', 'x', '--role', 'sat-admin', '--data', data], `${PASSWORD}\n`), /--password-stdin/],
    ];
    for (const [run, message] of cases) {
      const result = await run;
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
    // Input errors are found before the data folder is touched.
    expect(existsSync(data)).toBe(false);
  });

  it('refuse unknown orgs, taken names and invalid org names with exit code 2', async () => {
    const data = newDir();
    await runCli(['org', 'add', 'Acme', '--data', data]);
    const unknownOrg = await userAdd(data, 'alice', ['--role', 'org-admin', '--org', 'Initech']);
    expect(unknownOrg).toMatchObject({ code: 2, stderr: expect.stringMatching(/No org named 'Initech'/) });
    expect(await userAdd(data, 'alice', ['--role', 'org-admin', '--org', '99'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/No org with id 99/) });
    expect((await userAdd(data, 'alice', ['--role', 'org-admin', '--org', 'Acme'])).code).toBe(0);
    expect(await userAdd(data, 'ALICE', ['--role', 'sat-admin'])).toMatchObject({ code: 2, stderr: 'taskomatic-server: User name ALICE is taken (by alice)\n' });
    expect(await runCli(['org', 'add', 'ACME', '--data', data])).toMatchObject({ code: 2, stderr: 'taskomatic-server: An org named Acme exists already\n' });
    expect(await runCli(['org', 'add', '  ', '--data', data])).toMatchObject({ code: 2, stderr: 'taskomatic-server: An org needs a name\n' });
  });

  it('migrate a database left by an older build, and refuse one written by a newer build', async () => {
    const older = newDir();
    const folder = dataFolder(older);
    await runCli(['org', 'list', '--data', older]); // creates nothing
    expect(existsSync(folder.path)).toBe(false);
    mkdirSync(folder.path, { recursive: true });
    const database = openSqlite({ file: folder.databaseFile });
    const migrator = new Migrator({
      db: database.db,
      provider: { getMigrations: async () => ({ '0001-schema': schema, '0002-default-data': defaultData }) },
      migrationTableName: 'schema_migrations',
      migrationLockTableName: 'schema_migrations_lock',
    });
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    await database.close();
    expect((await runCli(['org', 'add', 'Acme', '--data', older])).code).toBe(0);
    await withDb(older, async (db) => {
      const columns = (await db.introspection.getTables()).find((t) => t.name === 'users')?.columns.map((c) => c.name);
      expect(columns).toContain('preferences');
    });

    const newer = newDir();
    await runCli(['org', 'add', 'Acme', '--data', newer]);
    await withDb(newer, (db) =>
      db.insertInto('schema_migrations' as never).values({ name: '9999-from-the-future', timestamp: new Date().toISOString() } as never).execute(),
    );
    const refused = await runCli(['org', 'add', 'Initech', '--data', newer]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/written by a newer taskomatic-server/);
  });
});

describe('user add and org add beside a running server', { timeout: 90_000 }, () => {
  let server: RunningServer | null = null;
  afterEach(async () => {
    await server?.stop(0);
    server = null;
  });

  it('write into the folder the server holds, without its lock, and the server sees the new user at once', async () => {
    const data = newDir();
    server = await startServer({ dataDir: data, config: DEFAULT_CONFIG, listen: null });
    const org = await runCli(['org', 'add', 'Acme', '--data', data]);
    expect(org).toMatchObject({ code: 0, stdout: 'created org Acme (id 1)\n' });
    const user = await userAdd(data, 'alice', ['--role', 'org-admin', '--org', 'Acme']);
    expect(user).toMatchObject({ code: 0, stdout: 'created user alice (org-admin of Acme)\n', stderr: '' });
    expect((await runCli(['user', 'list', '--json', '--data', data])).code).toBe(0);
    // The server still holds its folder and keeps working; it reads the user from the database it owns.
    await expect(startServer({ dataDir: data, config: DEFAULT_CONFIG, listen: null })).rejects.toThrow(/Another taskomatic-server/);
    const { caller } = await authOver(server.database.db).login('alice', PASSWORD, '127.0.0.1');
    expect(caller).toMatchObject({ username: 'alice', role: 'org-admin', orgId: 1 });
    expect(server.engine.status().running).toBe(true);
  });
});
