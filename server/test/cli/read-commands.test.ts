import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataFolder } from '../../src/data-folder.js';
import { LATEST_MIGRATION } from '../../src/db/migrate.js';
import { listRuns, type RunView } from '../../src/db/repos/runs-repo.js';
import type { RunningServer } from '../../src/main.js';
import { finished, requireBuiltCli, runCli, startCli } from './cli-process.js';
import {
  addBunch,
  addOrg,
  EXPECTED_STDERR,
  EXPECTED_STDOUT,
  Gate,
  runBunch,
  setLogCap,
  startTestServer,
  waitFor,
} from './test-satellite.js';

// One data folder for the whole file: a server prepares schedules and runs through the TypeScript API, then the
// built command line reads them, first beside the running server, then after it stopped.

let dataDir = '';
let server: RunningServer | null = null;
const gate = new Gate();
let firstRuns: RunView[] = [];
let secondRuns: RunView[] = [];
let cappedRun: RunView | undefined;
let orgScheduleId = 0;

beforeAll(async () => {
  requireBuiltCli();
  ({ dataDir, server } = await startTestServer(gate));
  const acme = await addOrg(server, 'Acme');
  const testBunch = await addBunch(server, 'cli-test-bunch', ['cli-output', 'cli-fail']);
  const orgBunch = await addBunch(server, 'cli-org-bunch', ['noop'], true);
  const cappedBunch = await addBunch(server, 'cli-capped-bunch', ['cli-output']);
  await server.schedules.create({ label: 'cli-nightly', bunch: 'cli-test-bunch', orgId: null, cron: '0 30 2 * * ?', timeZone: 'America/New_York' }, 'test');
  const org = await server.schedules.create({ label: 'acme-hourly', bunch: 'cli-org-bunch', orgId: acme, cron: '0 0 * * * ?', timeZone: 'Europe/Prague' }, 'test');
  orgScheduleId = org.id;
  await server.schedules.create({ label: 'cli-once', bunch: 'cli-test-bunch', orgId: null, runAt: Date.parse('2099-01-01T00:00:00Z'), timeZone: 'UTC' }, 'test');
  const paused = await server.schedules.create({ label: 'cli-paused', bunch: 'cli-test-bunch', orgId: null, cron: '0 0 4 * * ?', timeZone: 'UTC' }, 'test');
  await server.schedules.pause(paused.id, paused.version, 'waiting for the new disk', 'test');
  const ended = await server.schedules.create({ label: 'cli-ended', bunch: 'cli-test-bunch', orgId: null, cron: '0 0 5 * * ?', timeZone: 'UTC' }, 'test');
  await server.schedules.unschedule(ended.id, 'test');
  firstRuns = await runBunch(server, testBunch, 2);
  secondRuns = await runBunch(server, testBunch, 2);
  await runBunch(server, orgBunch, 1, acme);
  await setLogCap(server, 1000);
  [cappedRun] = await runBunch(server, cappedBunch, 1);
  await setLogCap(server, 100 * 1024 * 1024);
});

afterAll(async () => {
  gate.open();
  await server?.stop(1000);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Runs a read command on the test folder. */
const read = (...args: string[]) => runCli([...args, '--data', dataDir]);

describe('while the server runs', () => {
  it('follows a running log until the run ends', async () => {
    const running = server as RunningServer;
    const bunchId = await addBunch(running, 'cli-gated-bunch', ['cli-gated']);
    await running.engine.runNow({ bunchId, requestedBy: 'test' });
    const started = await waitForRunningGated(running);
    const child = startCli(['log', String(started.id), '--follow', '--data', dataDir]);
    let seen = '';
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (data: Buffer) => {
        seen += data.toString('utf8');
        if (seen.includes('first\n')) resolve();
      });
    });
    gate.open();
    const result = await finished(child);
    expect(result.code).toBe(0);
    expect(seen).toBe('first\nsecond\n');
  });

  it('lists runs from the live database', async () => {
    const result = await read('runs', '--bunch', 'cli-test-bunch', '--json');
    expect(result.stderr).toBe('');
    expect((JSON.parse(result.stdout) as unknown[]).length).toBe(4);
  });
});

/** The gated run, once it is running and has written its first line. */
async function waitForRunningGated(running: RunningServer): Promise<RunView> {
  return waitFor('the gated run to write its first line', async () => {
    const [run] = await listRuns(running.database.db, { bunch: 'cli-gated-bunch', limit: 1 });
    return run && run.status === 'RUNNING' && run.stdoutBytes > 0 ? run : undefined;
  });
}

describe('after the server stopped', () => {
  beforeAll(async () => {
    await server?.stop(1000);
    server = null;
  });

  it('lists the active schedules as JSON, with ISO instants', async () => {
    const result = await read('schedules', '--json');
    expect(result.code).toBe(0);
    const schedules = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    const labels = schedules.map((s) => s['label']);
    expect(labels).toContain('cli-nightly');
    expect(labels).toContain('daily-status-default');
    expect(labels).not.toContain('cli-ended');
    const nightly = schedules.find((s) => s['label'] === 'cli-nightly');
    expect(nightly).toMatchObject({
      bunch: 'cli-test-bunch',
      org_id: null,
      org: null,
      cron_expr: '0 30 2 * * ?',
      time_zone: 'America/New_York',
      run_at: null,
      active_from: null,
      active_till: null,
      paused: false,
      pause_reason: null,
      ended_at: null,
      end_reason: null,
      params: {},
      version: expect.any(Number),
      id: expect.any(Number),
    });
    // 02:30 in New York is 06:30 or 07:30 UTC, whichever side of daylight saving the next one falls.
    expect(nightly?.['next_fire_time']).toMatch(/^\d{4}-\d{2}-\d{2}T0[67]:30:00\.000Z$/);
    expect(schedules.find((s) => s['label'] === 'acme-hourly')).toMatchObject({ id: orgScheduleId, org: 'Acme', org_id: expect.any(Number) });
    expect(schedules.find((s) => s['label'] === 'cli-once')).toMatchObject({ cron_expr: null, run_at: '2099-01-01T00:00:00.000Z', next_fire_time: '2099-01-01T00:00:00.000Z' });
    expect(schedules.find((s) => s['label'] === 'cli-paused')).toMatchObject({ paused: true, pause_reason: 'waiting for the new disk' });
  });

  it('includes ended schedules with --all, and shows them in the table', async () => {
    const json = JSON.parse((await read('schedules', '--json', '--all')).stdout) as Array<Record<string, unknown>>;
    expect(json.find((s) => s['label'] === 'cli-ended')).toMatchObject({ ended_at: expect.stringMatching(/Z$/), end_reason: 'unscheduled by test' });
    const table = (await read('schedules', '--all')).stdout.split('\n');
    expect(table[0]).toMatch(/^LABEL\s+SCOPE\s+BUNCH\s+CRON\s+ZONE\s+NEXT FIRE \(UTC\)$/);
    expect(table.find((line) => line.startsWith('acme-hourly '))).toMatch(/acme-hourly\s+Acme\s+cli-org-bunch\s+0 0 \* \* \* \?\s+Europe\/Prague\s+\d{4}-/);
    expect(table.find((line) => line.startsWith('cli-once '))).toMatch(/satellite\s+cli-test-bunch\s+once 2099-01-01T00:00:00\.000Z\s+UTC\s+2099-01-01T00:00:00\.000Z$/);
    expect(table.find((line) => line.startsWith('cli-paused '))).toMatch(/paused: waiting for the new disk$/);
    expect(table.find((line) => line.startsWith('cli-ended '))).toMatch(/ended: unscheduled by test$/);
  });

  it('lists runs newest first as JSON, with ISO instants', async () => {
    const result = await read('runs', '--json', '--bunch', 'cli-test-bunch');
    expect(result.code).toBe(0);
    const runs = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    const expectedIds = [...secondRuns, ...firstRuns].map((r) => r.id).sort((a, b) => b - a);
    expect(runs.map((r) => r['id'])).toEqual(expectedIds);
    const failed = runs.find((r) => r['id'] === secondRuns[1]?.id);
    expect(failed).toMatchObject({
      bunch_run_id: secondRuns[1]?.bunchRunId,
      schedule_id: null,
      schedule_label: null,
      bunch: 'cli-test-bunch',
      org_id: null,
      task: 'cli-fail',
      status: 'FAILED',
      status_reason: expect.stringContaining('disk full'),
      trigger: 'manual',
      exit_code: 1,
    });
    for (const run of runs) {
      for (const key of ['due_time', 'start_time', 'end_time']) expect(run[key]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(run).toHaveProperty('stdout_bytes');
      expect(run).toHaveProperty('stderr_bytes');
    }
    const output = runs.find((r) => r['id'] === firstRuns[0]?.id);
    expect(output).toMatchObject({ task: 'cli-output', status: 'FINISHED', stdout_bytes: EXPECTED_STDOUT.length, stderr_bytes: EXPECTED_STDERR.length });
  });

  it('filters runs and limits their number', async () => {
    const limited = JSON.parse((await read('runs', '--json', '--limit', '1', '--bunch', 'cli-test-bunch')).stdout) as Array<{ id: number }>;
    expect(limited.map((r) => r.id)).toEqual([secondRuns[1]?.id]);
    const failed = JSON.parse((await read('runs', '--json', '--status', 'failed', '--task', 'cli-fail')).stdout) as Array<{ status: string }>;
    expect(failed.map((r) => r.status)).toEqual(['FAILED', 'FAILED']);
    const none = JSON.parse((await read('runs', '--json', '--schedule', String(orgScheduleId))).stdout) as unknown[];
    expect(none).toEqual([]);
  });

  it('shows runs as a table with reasons on one line', async () => {
    const result = await read('runs', '--bunch', 'cli-test-bunch', '--task', 'cli-fail');
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+STATUS\s+DUE \(UTC\)\s+START \(UTC\)\s+TOOK\s+EXIT\s+BUNCH\s+TASK\s+SCHEDULE\s+REASON$/);
    expect(lines).toHaveLength(3);
    // The reason's two lines (FAIL_MESSAGE) are joined into one cell.
    expect(lines[1]).toMatch(new RegExp(`^${secondRuns[1]?.id}\\s+FAILED\\s.*\\s1\\s+cli-test-bunch\\s+cli-fail\\s+\\(manual\\)\\s+.*disk full while writing`));
  });

  it('writes a whole log, its tail, and stderr, byte for byte', async () => {
    const id = String(firstRuns[0]?.id);
    const whole = await read('log', id);
    expect(whole.code).toBe(0);
    expect(whole.stderr).toBe('');
    expect(whole.stdoutBytes.equals(Buffer.from(EXPECTED_STDOUT))).toBe(true);
    const tail = await read('log', id, '--tail', '38');
    expect(tail.stdout).toBe(EXPECTED_STDOUT.slice(-38));
    const stderr = await read('log', id, '--stream', 'stderr');
    expect(stderr.stdout).toBe(EXPECTED_STDERR);
    const follow = await read('log', id, '--follow', '--tail', '1k');
    expect(follow.stdout).toBe(EXPECTED_STDOUT.slice(-1024));
  });

  it('says on stderr when bytes were dropped past the log cap', async () => {
    const result = await read('log', String(cappedRun?.id));
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(EXPECTED_STDOUT.slice(0, 1000));
    expect(result.stderr).toMatch(new RegExp(`${EXPECTED_STDOUT.length - 1000} bytes of stdout of run \\d+ are not stored`));
  });

  it("finds the data folder through --config when --data is not given", async () => {
    const config = join(dataDir, 'cli-test-config.yaml');
    writeFileSync(config, `dataDir: ${JSON.stringify(dataDir)}\n`);
    const result = await runCli(['runs', '--config', config, '--json', '--limit', '1', '--bunch', 'cli-test-bunch']);
    expect(result.stderr).toBe('');
    expect((JSON.parse(result.stdout) as Array<{ id: number }>).map((r) => r.id)).toEqual([secondRuns[1]?.id]);
  });

  it('refuses an unknown run with a clear message', async () => {
    const result = await read('log', '999999');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/run 999999 does not exist in /);
  });
});

describe('without a usable database', () => {
  it('names a missing data folder', async () => {
    for (const command of [['schedules'], ['runs'], ['log', '1']]) {
      const result = await runCli([...command, '--data', '/nonexistent/taskomatic-data']);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        'taskomatic-server: no Taskomatic database in /nonexistent/taskomatic-data; start the server once with --data /nonexistent/taskomatic-data\n',
      );
    }
  });

  it('refuses an older or newer schema without changing it', async () => {
    // Runs after the server stopped (vitest keeps the order of a file's tests).
    const file = dataFolder(dataDir).databaseFile;
    const raw = new BetterSqlite3(file);
    try {
      raw.prepare('delete from schema_migrations where name = ?').run(LATEST_MIGRATION);
      const older = await read('runs');
      expect(older.code).toBe(1);
      expect(older.stderr).toMatch(/has an older schema .* start the server once with --data/);
      expect(raw.prepare('select count(*) as n from schema_migrations where name = ?').get(LATEST_MIGRATION)).toEqual({ n: 0 });
      raw.prepare("insert into schema_migrations (name, timestamp) values (?, '2099-01-01T00:00:00.000Z')").run(LATEST_MIGRATION);
      raw.prepare("insert into schema_migrations (name, timestamp) values ('9999-from-the-future', '2099-01-01T00:00:00.000Z')").run();
      const newer = await read('schedules');
      expect(newer.code).toBe(1);
      expect(newer.stderr).toMatch(/written by a newer taskomatic-server/);
    } finally {
      raw.close();
    }
  });
});
