import { sql } from 'kysely';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/server-config.js';
import { openStore } from '../../src/db/connect.js';
import { verifyCopy } from '../../src/db/copy/verify-copy.js';
import { FakeClock } from '../../src/engine/fake-clock.js';
import { startServer } from '../../src/main.js';
import { addBunch, addOrg, eventually, startHarness, tempDataDir } from '../support/harness.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/postgres.js';
import { instantTask } from '../support/test-tasks.js';
import { requireBuiltCli, runCli } from './helpers/cli.js';

/**
 * Moving a satellite from SQLite to PostgreSQL: a data folder with schedules, runs, logs, users and audit is
 * copied by the real command line, checked table by table, and a server started on the copy carries on.
 */
describe('migrate-store: a SQLite data folder into PostgreSQL', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  beforeAll(() => requireBuiltCli());

  /** A stopped server's folder with a bit of everything in it. */
  async function filledFolder(): Promise<{ dataDir: string; scheduleId: number; taskRunIds: number[]; failedStep: number }> {
    const h = await startHarness({ clock: new FakeClock('2027-01-04T10:00:00Z'), tasks: [instantTask('ok'), instantTask('bad', 'fail')] });
    cleanups.push(() => h.dispose());
    const { server } = h;
    const clock = h.clock as FakeClock;
    const org = await addOrg(server, 'acme');
    await server.auth.createUser({ username: 'alice', password: 'a long enough password', role: 'org-admin', orgId: org }, 'test');
    await addBunch(server, 'ok-bunch', [['ok'], ['bad']]);
    const schedule = await server.schedules.create({ label: 'every-minute', bunch: 'ok-bunch', orgId: null, cron: '0 * * * * ?', timeZone: 'UTC' }, 'test');
    await server.schedules.skipOccurrence(schedule.id, schedule.version, Date.parse('2027-01-04T10:05:00Z'), 'test', 'maintenance window');
    await clock.advanceTo('2027-01-04T10:03:30Z');
    const steps = await eventually(async () => {
      const rows = await server.database.db.selectFrom('task_runs').select(['id', 'status', 'task']).orderBy('id').execute();
      return rows.length === 6 && rows.every((r) => r.status === 'FINISHED' || r.status === 'FAILED') && rows;
    }, 'three runs of two steps');
    await server.stop(0);
    const failedStep = Number(steps.find((s) => s.task === 'bad')?.id);
    return { dataDir: h.dataDir, scheduleId: schedule.id, taskRunIds: steps.map((s) => Number(s.id)), failedStep };
  }

  async function scratch(): Promise<ScratchDatabase> {
    const database = await createScratchDatabase();
    cleanups.push(() => database.release());
    return database;
  }

  it('copies every table, proves it with counts and checksums, and a server on PostgreSQL serves the copy', async () => {
    const { dataDir, scheduleId, taskRunIds, failedStep } = await filledFolder();
    const target = await scratch();

    const copy = await runCli(['migrate-store', '--from', dataDir, '--to', target.url], 60_000);
    expect(copy.stderr).toBe('');
    expect(copy.exit.code).toBe(0);
    expect(copy.otherStdout.join('\n')).toMatch(/verified: all 17 tables have the same rows on both sides/);
    const row = (table: string) => copy.otherStdout.find((line) => line.startsWith(`${table} `))?.split(/\s+/);
    expect(row('task_runs')).toEqual(['task_runs', '6', '6', expect.stringMatching(/^[0-9a-f]{32}$/), expect.stringMatching(/^[0-9a-f]{32}$/), 'yes']);
    expect(row('log_chunks')?.[1]).not.toBe('0');
    expect(row('audit_log')?.[1]).not.toBe('0');

    // The read commands see the copy in PostgreSQL: the runs, and a run's output byte for byte.
    const runs = await runCli(['runs', '--data', dataDir, '--database', target.url, '--json']);
    expect(runs.exit.code).toBe(0);
    const listed = JSON.parse(runs.otherStdout.join('\n')) as Array<{ id: number; status: string }>;
    expect(listed.map((r) => r.id).sort((a, b) => a - b)).toEqual(taskRunIds);
    const log = await runCli(['log', String(failedStep), '--stream', 'stderr', '--database', target.url]);
    expect(log.otherStdout.join('\n')).toBe('bad fail');

    // A server on the copy carries on: same schedules and users, ids it hands out come after the copied ones.
    const folder = tempDataDir();
    cleanups.push(folder.remove);
    const clock = new FakeClock('2027-01-04T10:04:30Z');
    const server = await startServer({
      dataDir: folder.path,
      database: target.url,
      config: DEFAULT_CONFIG,
      listen: { host: '127.0.0.1', port: 0 },
      clock,
      extraTasks: [instantTask('ok'), instantTask('bad', 'fail')],
    });
    cleanups.push(() => server.stop(0));
    clock.waitWhile(() => server.database.queriesUnderWay() > 0);
    const health = (await (await fetch(`http://127.0.0.1:${server.address?.port}/health`)).json()) as { database: unknown };
    expect(health.database).toEqual({ ok: true, dialect: 'postgres' });
    const stored = await server.database.db.selectFrom('schedules').select(['id', 'label']).where('id', '=', scheduleId).executeTakeFirstOrThrow();
    expect(stored.label).toBe('every-minute');
    expect((await server.auth.listUsers()).map((u) => u.username)).toContain('alice');
    const org = await server.auth.createOrg('globex', 'test');
    expect(org.id).toBeGreaterThan(1);
    await clock.advanceTo('2027-01-04T10:06:30Z');
    const after = await eventually(async () => {
      const rows = await server.database.db.selectFrom('bunch_runs').select(['id', 'due_at', 'status']).where('schedule_id', '=', scheduleId).orderBy('due_at').execute();
      return rows.length === 5 && rows.at(-1)?.status !== 'READY' && rows;
    }, 'the fires after the move');
    // 10:04 passed while no server ran (caught up once, RUN_ONCE); 10:05 was skipped before the move.
    expect(after.map((r) => new Date(r.due_at).toISOString().slice(11, 16))).toEqual(['10:01', '10:02', '10:03', '10:04', '10:06']);
    expect(Math.min(...after.slice(3).map((r) => r.id))).toBeGreaterThan(Math.max(...after.slice(0, 3).map((r) => r.id)));
  });

  it('refuses a target that holds tables unless told to replace them, and then replaces them', async () => {
    const { dataDir } = await filledFolder();
    const target = await scratch();
    expect((await runCli(['migrate-store', '--from', dataDir, '--to', target.url], 60_000)).exit.code).toBe(0);
    const again = await runCli(['migrate-store', '--from', dataDir, '--to', target.url], 60_000);
    expect(again.exit.code).toBe(2);
    expect(again.stderr).toMatch(/already holds tables .*pass --replace/);
    const replaced = await runCli(['migrate-store', '--from', dataDir, '--to', target.url, '--replace'], 60_000);
    expect(replaced.exit.code).toBe(0);
    expect(replaced.otherStdout.join('\n')).toMatch(/verified/);
  });

  it('refuses to copy while a server runs on the source', async () => {
    const h = await startHarness({});
    cleanups.push(() => h.dispose());
    const target = await scratch();
    const copy = await runCli(['migrate-store', '--from', h.dataDir, '--to', target.url]);
    expect(copy.exit.code).toBe(1);
    expect(copy.stderr).toMatch(/Another taskomatic-server .*is running on/);
  });

  it('tells a copy that differs from its source, table by table', async () => {
    const { dataDir } = await filledFolder();
    const target = await scratch();
    expect((await runCli(['migrate-store', '--from', dataDir, '--to', target.url], 60_000)).exit.code).toBe(0);
    const source = await openStore({ dialect: 'sqlite', file: `${dataDir}/taskomatic.db` }, { readonly: true });
    const copy = await openStore({ dialect: 'postgres', url: target.url });
    cleanups.push(() => source.close(), () => copy.close());
    expect((await verifyCopy(source, copy)).every((c) => c.same)).toBe(true);
    // One byte of one log chunk, and one status: same counts, different checksums.
    await sql`update log_chunks set data = ${Buffer.from('x')} where task_run_id = (select min(task_run_id) from log_chunks)`.execute(copy.db);
    await copy.db.updateTable('task_runs').set({ status: 'CANCELLED' }).where('id', '=', (eb) => eb.selectFrom('task_runs').select((e) => e.fn.max('id').as('id'))).execute();
    const compared = await verifyCopy(source, copy);
    expect(compared.filter((c) => !c.same).map((c) => c.table)).toEqual(['task_runs', 'log_chunks']);
    expect(compared.find((c) => c.table === 'task_runs')).toMatchObject({ sourceRows: 6, targetRows: 6 });
  });
});
