import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../src/engine/fake-clock.js';
import { readLog } from '../src/logs/log-reader.js';
import type { RunningServer } from '../src/main.js';
import { DIALECTS } from './support/dialects.js';
import { addBunch, bunchRuns, eventually, type Harness, startHarness, taskRuns } from './support/harness.js';
import { instantTask } from './support/test-tasks.js';

const DAY = 86_400_000;

/** Runs a bunch now and waits for it to end; returns its steps with their stdout. */
async function runBunch(server: RunningServer, clock: FakeClock, name: string, params: Record<string, unknown> = {}) {
  const bunch = await server.database.db.selectFrom('bunches').select('id').where('name', '=', name).executeTakeFirstOrThrow();
  const run = await server.engine.runNow({ bunchId: Number(bunch.id), requestedBy: 'test', params });
  await clock.advance(0);
  const steps = await eventually(async () => {
    await clock.advance(0);
    const t = await taskRuns(server, run.id);
    return t.length > 0 && t.every((s) => s.ended_at !== null) && (await bunchRuns(server)).find((r) => Number(r.id) === run.id)?.ended_at && t;
  }, `bunch ${name} to end`);
  return Promise.all(
    steps.map(async (s) => ({
      task: s.task,
      status: s.status,
      reason: s.status_reason,
      stdout: (await readLog(server.database.db, Number(s.id), 'stdout', 0, 1_000_000)).data.toString(),
    })),
  );
}

describe.each(DIALECTS)('built-in tasks do real work and say what they did (%s)', (dialect) => {
  let h: Harness;
  afterEach(async () => h?.dispose());

  async function setUp(start = '2027-01-10T12:00:00Z') {
    h = await startHarness({ dialect, clock: new FakeClock(start), tasks: [instantTask('ok'), instantTask('bad', 'fail')] });
    await addBunch(h.server, 'ok-bunch', [['ok']]);
    await addBunch(h.server, 'bad-bunch', [['bad']]);
    return { server: h.server, clock: h.clock as FakeClock };
  }

  it('clear-log-history removes runs older than the retention, with their logs, and keeps the rest', async () => {
    const { server, clock } = await setUp();
    await runBunch(server, clock, 'ok-bunch');
    await runBunch(server, clock, 'bad-bunch');
    await clock.advance(8 * DAY);
    await runBunch(server, clock, 'ok-bunch');
    const [step] = await runBunch(server, clock, 'clear-taskologs-bunch');
    expect(step).toMatchObject({ task: 'clear-log-history', status: 'FINISHED' });
    expect(step?.stdout).toContain('retention 7 days');
    expect(step?.stdout).toMatch(/removed 2 runs, 2 steps and 19 bytes of logs/);
    const left = await taskRuns(server);
    expect(left.map((t) => t.task)).toEqual(['ok', 'clear-log-history']);
    const chunks = await server.database.db.selectFrom('log_chunks').select('task_run_id').distinct().execute();
    expect(chunks).toHaveLength(2);
    // A parameter overrides the setting.
    const [again] = await runBunch(server, clock, 'clear-taskologs-bunch', { 'retention-days': 1 });
    expect(again?.stdout).toContain("retention 1 day)");
  });

  it('session-cleanup removes expired API sessions only', async () => {
    const { server, clock } = await setUp();
    const db = server.database.db;
    const { id: userId } = await db
      .insertInto('users')
      .values({ username: 'alice', role: 'sat-admin', org_id: null, password_hash: 'x', disabled: 0, created_at: 0 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const now = clock.now();
    await db
      .insertInto('api_sessions')
      .values([
        { key_hash: 'old', user_id: userId, created_at: 0, last_used_at: 0, expires_at: now - 1 },
        { key_hash: 'live', user_id: userId, created_at: 0, last_used_at: 0, expires_at: now + 60_000 },
      ])
      .execute();
    const [step] = await runBunch(server, clock, 'session-cleanup-bunch');
    expect(step?.stdout).toBe('removed 1 expired sessions; 1 still active\n');
    expect((await db.selectFrom('api_sessions').select('key_hash').execute()).map((s) => s.key_hash)).toEqual(['live']);
  });

  it('db-maintenance checks the database, refreshes statistics and gives free pages back', async () => {
    const { server, clock } = await setUp();
    const [step] = await runBunch(server, clock, 'db-maintenance-bunch');
    expect(step?.status).toBe('FINISHED');
    if (dialect === 'sqlite') {
      expect(step?.stdout).toContain('integrity (quick_check): ok');
      expect(step?.stdout).toContain('statistics refreshed');
      expect(step?.stdout).toMatch(/free pages/);
    } else {
      expect(step?.stdout).toMatch(/dead rows reclaimed and statistics refreshed \(VACUUM ANALYZE\) on 1[5-9] tables/);
    }
    expect(step?.stdout).toMatch(/database size after maintenance: \d+ bytes/);
  });

  it('the daily status bunch sums up yesterday by task and outcome and lists the failures', async () => {
    const { server, clock } = await setUp('2027-01-09T10:00:00Z');
    await runBunch(server, clock, 'ok-bunch');
    await runBunch(server, clock, 'ok-bunch');
    await runBunch(server, clock, 'bad-bunch');
    await clock.advanceTo('2027-01-10T09:00:00Z');
    await server.database.db.updateTable('settings').set({ value: '"UTC"' }).where('key', '=', 'default_time_zone').execute();
    await server.reloadSettings();
    const [population, summary] = await runBunch(server, clock, 'daily-status-bunch');
    expect(population).toMatchObject({ task: 'summary-population', status: 'FINISHED' });
    expect(population?.stdout).toBe('2027-01-09 (UTC): 3 task runs in 2 task/status groups summarised\n');
    expect(summary).toMatchObject({ task: 'daily-summary', status: 'FINISHED' });
    expect(summary?.stdout).toContain('Daily summary for 2027-01-09 (UTC)');
    expect(summary?.stdout).toContain('  bad: 1 FAILED;');
    expect(summary?.stdout).toContain('  ok: 2 FINISHED;');
    expect(summary?.stdout).toContain('Total: 3 task runs, 1 failed or timed out.');
    expect(summary?.stdout).toMatch(/run \d+ bad FAILED at 2027-01-09T10:00:00.000Z: exit code 3/);
    const rows = await server.database.db.selectFrom('daily_summaries').select(['day', 'task', 'status', 'runs']).orderBy('task').execute();
    expect(rows).toEqual([
      { day: '2027-01-09', task: 'bad', status: 'FAILED', runs: 1 },
      { day: '2027-01-09', task: 'ok', status: 'FINISHED', runs: 2 },
    ]);
  });
});
