import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../src/engine/fake-clock.js';
import { DomainError } from '../src/services/domain-error.js';
import { DIALECTS } from './support/dialects.js';
import { addBunch, addOrg, bunchRuns, eventually, type Harness, startHarness, taskRuns } from './support/harness.js';
import { gateTask, instantTask } from './support/test-tasks.js';

const T0 = '2027-01-04T10:00:00Z';
const at = (iso: string) => Date.parse(iso);

describe.each(DIALECTS)('engine: firing schedules (%s, fake clock)', (dialect) => {
  let h: Harness;
  afterEach(async () => h?.dispose());

  async function setUp(tasks = [instantTask('ok'), instantTask('bad', 'fail')], start = T0) {
    h = await startHarness({ dialect, clock: new FakeClock(start), tasks });
    return { server: h.server, clock: h.clock as FakeClock };
  }

  it('fires a cron schedule at each due second and records the run', async () => {
    const { server, clock } = await setUp();
    await addBunch(server, 'ok-bunch', [['ok']]);
    const s = await server.schedules.create({ label: 'every-minute', bunch: 'ok-bunch', orgId: null, cron: '0 * * * * ?', timeZone: 'UTC' }, 'test');
    expect(s.nextFireAt).toBe(at('2027-01-04T10:01:00Z'));
    await clock.advanceTo('2027-01-04T10:03:30Z');
    const runs = await eventually(async () => {
      const r = await bunchRuns(server, s.id);
      return r.length === 3 && r.every((x) => x.status === 'FINISHED') && r;
    }, 'three finished runs');
    expect(runs.map((r) => new Date(Number(r.due_at)).toISOString())).toEqual([
      '2027-01-04T10:01:00.000Z',
      '2027-01-04T10:02:00.000Z',
      '2027-01-04T10:03:00.000Z',
    ]);
    // The fake clock does not move while a run starts: each started exactly when due.
    expect(runs.every((r) => r.started_at === r.due_at)).toBe(true);
    expect(runs.every((r) => r.trigger === 'cron')).toBe(true);
    const steps = await taskRuns(server, Number(runs[0]?.id));
    expect(steps).toMatchObject([{ task: 'ok', status: 'FINISHED', exit_code: 0, stdout_bytes: 10 }]);
    const row = await server.database.db.selectFrom('schedules').select('next_fire_at').where('id', '=', s.id).executeTakeFirstOrThrow();
    expect(row.next_fire_at).toBe(at('2027-01-04T10:04:00Z'));
  });

  it('evaluates cron on the wall clock of the schedule zone, DST included', async () => {
    const { server, clock } = await setUp(undefined, '2027-03-13T12:00:00Z');
    await addBunch(server, 'ok-bunch', [['ok']]);
    const s = await server.schedules.create({ label: 'ny-0230', bunch: 'ok-bunch', orgId: null, cron: '0 30 2 * * ?', timeZone: 'America/New_York' }, 'test');
    // 2027-03-14 02:30 does not exist in New York: it fires at 03:30 EDT (07:30Z).
    expect(new Date(s.nextFireAt ?? 0).toISOString()).toBe('2027-03-14T07:30:00.000Z');
    await clock.advanceTo('2027-03-15T12:00:00Z');
    const runs = await eventually(async () => {
      const r = await bunchRuns(server, s.id);
      return r.length === 2 && r.every((x) => x.status === 'FINISHED') && r;
    });
    expect(runs.map((r) => new Date(Number(r.due_at)).toISOString())).toEqual(['2027-03-14T07:30:00.000Z', '2027-03-15T06:30:00.000Z']);
  });

  it('fires a one-time schedule once and then ends it', async () => {
    const { server, clock } = await setUp();
    await addBunch(server, 'ok-bunch', [['ok']]);
    const s = await server.schedules.create({ label: 'once', bunch: 'ok-bunch', orgId: null, runAt: at('2027-01-04T10:00:30Z') }, 'test');
    await clock.advance(60_000);
    const [run] = await eventually(async () => {
      const r = await bunchRuns(server, s.id);
      return r[0]?.status === 'FINISHED' && r;
    });
    expect(run).toMatchObject({ trigger: 'once', due_at: at('2027-01-04T10:00:30Z') });
    const row = await server.database.db.selectFrom('schedules').selectAll().where('id', '=', s.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ next_fire_at: null, end_reason: 'its one-time run has fired' });
    expect(row.ended_at).not.toBeNull();
    await clock.advance(3_600_000);
    expect(await bunchRuns(server, s.id)).toHaveLength(1);
  });

  it('fires only inside the active window and ends the schedule when it closes', async () => {
    const { server, clock } = await setUp();
    await addBunch(server, 'ok-bunch', [['ok']]);
    const s = await server.schedules.create(
      {
        label: 'windowed',
        bunch: 'ok-bunch',
        orgId: null,
        cron: '0 0/10 * * * ?',
        timeZone: 'UTC',
        activeFrom: at('2027-01-04T10:25:00Z'),
        activeTill: at('2027-01-04T10:50:00Z'),
      },
      'test',
    );
    await clock.advanceTo('2027-01-04T12:00:00Z');
    const runs = await eventually(async () => {
      const r = await bunchRuns(server, s.id);
      return r.length === 2 && r.every((x) => x.status === 'FINISHED') && r;
    });
    expect(runs.map((r) => new Date(Number(r.due_at)).toISOString().slice(11, 16))).toEqual(['10:30', '10:40']);
    const row = await server.database.db.selectFrom('schedules').select(['ended_at', 'end_reason']).where('id', '=', s.id).executeTakeFirstOrThrow();
    expect(row.end_reason).toBe('its active window has closed');
  });

  it('runs start_if chains: FINISHED after success, FAILED after failure, skipped steps recorded', async () => {
    const { server, clock } = await setUp();
    await addBunch(server, 'chain', [['bad'], ['ok', 'FINISHED'], ['ok', 'FAILED'], ['ok', null], ['bad', 'FINISHED'], ['ok', 'FAILED']]);
    const bunchId = Number((await server.database.db.selectFrom('bunches').select('id').where('name', '=', 'chain').executeTakeFirstOrThrow()).id);
    const run = await server.engine.runNow({ bunchId, requestedBy: 'test' });
    await clock.advance(0);
    const steps = await eventually(async () => {
      const t = await taskRuns(server, run.id);
      return t.length === 6 && t.every((x) => x.status !== 'RUNNING') && t;
    });
    // Each condition looks at the latest earlier step that ran: step 2 (after bad) is skipped, step 3 (FAILED)
    // runs; step 5 (FINISHED) follows step 4's success and fails; step 6 (FAILED) follows it.
    expect(steps.map((t) => t.status)).toEqual(['FAILED', 'SKIPPED', 'FINISHED', 'FINISHED', 'FAILED', 'FINISHED']);
    expect(steps[1]?.status_reason).toBe('start_if FINISHED: step 1 (bad) ended FAILED');
    const [bunchRun] = await bunchRuns(server);
    expect(bunchRun).toMatchObject({ status: 'FAILED', trigger: 'manual', requested_by: 'test' });
  });

  it('refuses bad schedules with a clear reason and stores nothing', async () => {
    const { server } = await setUp();
    await addBunch(server, 'ok-bunch', [['ok']]);
    const before = await server.database.db.selectFrom('schedules').select('id').execute();
    const attempts: Array<[Parameters<typeof server.schedules.create>[0], string, RegExp]> = [
      [{ label: 'x', bunch: 'ok-bunch', orgId: null, cron: '0 0 25 * * ?' }, 'invalid-cron', /Hour/i],
      [{ label: 'x', bunch: 'ok-bunch', orgId: null, cron: '0 0 1 * * ?', timeZone: 'Mars/Olympus' }, 'invalid-time-zone', /Mars\/Olympus/],
      [{ label: 'x', bunch: 'nope', orgId: null, cron: '0 0 1 * * ?' }, 'not-found', /Bunch nope/],
      [{ label: 'x', bunch: 'ok-bunch', orgId: 5, cron: '0 0 1 * * ?' }, 'scope-mismatch', /satellite-level/],
      [{ label: 'x', bunch: 'ok-bunch', orgId: null, cron: '0 0 1 * * ?', params: { colour: 'red' } }, 'invalid-parameter', /colour/],
      [{ label: 'x', bunch: 'ok-bunch', orgId: null, runAt: Date.parse(T0) - 1 }, 'invalid-argument', /in the past/],
      [{ label: '', bunch: 'ok-bunch', orgId: null, cron: '0 0 1 * * ?' }, 'invalid-argument', /label/],
      [{ label: 'x', bunch: 'ok-bunch', orgId: null, cron: '0 0 1 * * ? 2020' }, 'invalid-argument', /never fire/],
    ];
    for (const [draft, code, message] of attempts) {
      const error = await server.schedules.create(draft, 'test').catch((e: unknown) => e);
      expect(error, JSON.stringify(draft)).toBeInstanceOf(DomainError);
      expect((error as DomainError).code, JSON.stringify(draft)).toBe(code);
      expect((error as DomainError).message).toMatch(message);
    }
    await server.schedules.create({ label: 'taken', bunch: 'ok-bunch', orgId: null, cron: '0 0 1 * * ?' }, 'test');
    const dup = await server.schedules.create({ label: 'taken', bunch: 'ok-bunch', orgId: null, cron: '0 0 2 * * ?' }, 'test').catch((e: unknown) => e);
    expect((dup as DomainError).code).toBe('label-taken');
    const after = await server.database.db.selectFrom('schedules').select('id').execute();
    expect(after.length).toBe(before.length + 1);
  });

  it('checks parameters against the tasks of the bunch, typed', async () => {
    const channel = gateTask('sync', {
      parameters: [{ name: 'channel', type: 'string', required: true, pattern: '^[a-z0-9-]+$' }, { name: 'depth', type: 'integer', required: false, min: 1, max: 5 }],
      scope: 'org',
    });
    const { server, clock } = await setUp([channel]);
    const org = await addOrg(server, 'acme');
    await addBunch(server, 'sync-bunch', [['sync']], { orgBunch: true });
    const bad = await server.schedules
      .create({ label: 'b', bunch: 'sync-bunch', orgId: org, cron: '0 0 1 * * ?', params: { channel: 'Bad Name' } }, 'test')
      .catch((e: unknown) => e);
    expect((bad as DomainError).message).toMatch(/channel/);
    const s = await server.schedules.create(
      { label: 'good', bunch: 'sync-bunch', orgId: org, cron: '0 * * * * ?', timeZone: 'UTC', params: { channel: 'base', depth: '3' } },
      'test',
    );
    expect(s.params).toEqual({ channel: 'base', depth: 3 });
    await clock.advance(60_000);
    await eventually(() => channel.waiting.length === 1);
    const [step] = await taskRuns(server);
    const log = await server.database.db.selectFrom('log_chunks').select('data').where('task_run_id', '=', Number(step?.id)).execute();
    expect(Buffer.concat(log.map((l) => Buffer.from(l.data))).toString()).toContain('{"channel":"base","depth":3}');
    channel.release();
  });
});
