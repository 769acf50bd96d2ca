import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../src/engine/fake-clock.js';
import type { RunnableTask } from '../src/runner/task.js';
import { DIALECTS } from './support/dialects.js';
import { addBunch, bunchRuns, eventually, type Harness, startHarness, taskRuns } from './support/harness.js';
import { gateTask, instantTask } from './support/test-tasks.js';

const T0 = '2027-01-04T10:00:00Z';
const at = (iso: string) => Date.parse(iso);

describe.each(DIALECTS)('engine: overlap, postpone, cancel, timeout, run now (%s, fake clock)', (dialect) => {
  let h: Harness;
  afterEach(async () => h?.dispose());

  async function setUp(tasks: RunnableTask[]) {
    h = await startHarness({ dialect, clock: new FakeClock(T0), tasks });
    return { server: h.server, clock: h.clock as FakeClock };
  }

  async function bunchId(name: string): Promise<number> {
    const row = await h.server.database.db.selectFrom('bunches').select('id').where('name', '=', name).executeTakeFirstOrThrow();
    return Number(row.id);
  }

  it('postpones a non-parallelizable task, in order of arrival, and never runs it twice at once', async () => {
    const sync = gateTask('sync', { parallelizable: false });
    const { server, clock } = await setUp([sync]);
    await addBunch(server, 'sync-bunch', [['sync']]);
    const id = await bunchId('sync-bunch');
    const first = await server.engine.runNow({ bunchId: id, requestedBy: 'a' });
    const second = await server.engine.runNow({ bunchId: id, requestedBy: 'b' });
    const third = await server.engine.runNow({ bunchId: id, requestedBy: 'c' });
    await clock.advance(0);
    await eventually(async () => (await taskRuns(server)).filter((t) => t.status === 'POSTPONED').length === 2);
    expect(sync.waiting).toHaveLength(1);
    const postponed = (await bunchRuns(server)).filter((r) => r.status === 'POSTPONED').map((r) => r.id);
    expect(postponed).toEqual([second.id, third.id]);
    sync.release();
    await eventually(() => sync.waiting.length === 1 && sync.waiting);
    const [secondStep] = await taskRuns(server, second.id);
    expect(secondStep?.status).toBe('RUNNING');
    sync.release();
    await eventually(() => sync.waiting.length === 1);
    sync.release();
    const runs = await eventually(async () => {
      const r = await bunchRuns(server);
      return r.every((x) => x.status === 'FINISHED') && r;
    });
    expect(runs.map((r) => r.id)).toEqual([first.id, second.id, third.id]);
    expect(sync.peakConcurrent).toBe(1);
  });

  it('skips a step postponed past the limit, with the reason', async () => {
    const sync = gateTask('sync', { parallelizable: false });
    const { server, clock } = await setUp([sync]);
    await addBunch(server, 'sync-bunch', [['sync']]);
    const id = await bunchId('sync-bunch');
    await server.engine.runNow({ bunchId: id, requestedBy: 'a' });
    const second = await server.engine.runNow({ bunchId: id, requestedBy: 'b' });
    await clock.advance(0);
    await eventually(() => sync.waiting.length === 1);
    await clock.advance(3_600_000 + 1);
    const [step] = await eventually(async () => {
      const t = await taskRuns(server, second.id);
      return t[0]?.status === 'SKIPPED' && t;
    });
    expect(step?.status_reason).toMatch(/postponed for longer than the limit \(60 min\)/);
    sync.release();
  });

  it('overlap SKIP counts consecutive skipped fires on one record', async () => {
    const work = gateTask('work');
    const { server, clock } = await setUp([work]);
    await addBunch(server, 'work-bunch', [['work']]);
    const s = await server.schedules.create({ label: 'busy', bunch: 'work-bunch', orgId: null, cron: '0 * * * * ?', timeZone: 'UTC' }, 'test');
    await clock.advanceTo('2027-01-04T10:01:00Z');
    await eventually(() => work.waiting.length === 1);
    await clock.advanceTo('2027-01-04T10:04:00Z');
    const runs = await eventually(async () => {
      const r = await bunchRuns(server, s.id);
      return r.length === 2 && r[1]?.fire_count === 3 && r;
    });
    expect(runs[0]).toMatchObject({ status: 'RUNNING', due_at: at('2027-01-04T10:01:00Z') });
    expect(runs[1]).toMatchObject({ status: 'SKIPPED', due_at: at('2027-01-04T10:02:00Z'), last_fire_at: at('2027-01-04T10:04:00Z') });
    expect(runs[1]?.status_reason).toMatch(/3 consecutive fires skipped; last: run \d+ was still going \(overlap policy SKIP\)/);
    work.release();
    await clock.advanceTo('2027-01-04T10:05:00Z');
    await eventually(() => work.waiting.length === 1);
    work.release();
    const after = await eventually(async () => {
      const r = await bunchRuns(server, s.id);
      return r.length === 3 && r[2]?.status === 'FINISHED' && r;
    });
    expect(after[2]?.due_at).toBe(at('2027-01-04T10:05:00Z'));
  });

  it('overlap QUEUE_ONE lets one fire wait and skips the others', async () => {
    const work = gateTask('work');
    const { server, clock } = await setUp([work]);
    await addBunch(server, 'work-bunch', [['work']]);
    const s = await server.schedules.create(
      { label: 'queued', bunch: 'work-bunch', orgId: null, cron: '0 * * * * ?', timeZone: 'UTC', overlapPolicy: 'QUEUE_ONE' },
      'test',
    );
    await clock.advanceTo('2027-01-04T10:03:00Z');
    await eventually(async () => (await bunchRuns(server, s.id)).length === 3);
    const runs = await bunchRuns(server, s.id);
    expect(runs.map((r) => r.status)).toEqual(['RUNNING', 'READY', 'SKIPPED']);
    expect(runs[1]?.status_reason).toMatch(/waiting for run \d+ to end/);
    work.release();
    await eventually(() => work.waiting.length === 1);
    // The queued run's start is committed before its task starts; the first run's end may be committed just after.
    const later = await eventually(async () => {
      const r = await bunchRuns(server, s.id);
      return r[0]?.status === 'FINISHED' && r;
    }, 'the first run recorded FINISHED');
    expect(later.map((r) => r.status)).toEqual(['FINISHED', 'RUNNING', 'SKIPPED']);
    // It started when the first ended, not when it was due.
    expect(later[1]?.due_at).toBe(at('2027-01-04T10:02:00Z'));
    work.release();
  });

  it('overlap ALLOW runs fires side by side', async () => {
    const work = gateTask('work');
    const { server, clock } = await setUp([work]);
    await addBunch(server, 'work-bunch', [['work']]);
    await server.schedules.create({ label: 'many', bunch: 'work-bunch', orgId: null, cron: '0 * * * * ?', timeZone: 'UTC', overlapPolicy: 'ALLOW' }, 'test');
    await clock.advanceTo('2027-01-04T10:03:00Z');
    await eventually(() => work.waiting.length === 3);
    expect(work.peakConcurrent).toBe(3);
    work.release();
    work.release();
    work.release();
  });

  it('runs now or at an instant, with parameters; cancels waiting, postponed and running runs', async () => {
    const sync = gateTask('sync', { parallelizable: false, parameters: [{ name: 'channel', type: 'string', required: false }] });
    const { server, clock } = await setUp([sync]);
    await addBunch(server, 'sync-bunch', [['sync'], ['sync']]);
    const id = await bunchId('sync-bunch');
    const later = await server.engine.runNow({ bunchId: id, requestedBy: 'a', at: at('2027-01-04T11:00:00Z'), params: { channel: 'x' } });
    const running = await server.engine.runNow({ bunchId: id, requestedBy: 'b', params: { channel: 'now' } });
    const postponed = await server.engine.runNow({ bunchId: id, requestedBy: 'c' });
    await clock.advance(0);
    await eventually(() => sync.waiting.length === 1);
    expect(await server.engine.cancel(later.id, 'alice')).toBe('cancelled');
    expect(await server.engine.cancel(postponed.id, 'alice')).toBe('cancelling');
    expect(await server.engine.cancel(running.id, 'bob')).toBe('cancelling');
    const runs = await eventually(async () => {
      const r = await bunchRuns(server);
      return r.every((x) => x.status === 'CANCELLED') && r;
    });
    expect(runs.map((r) => r.status_reason)).toEqual(['cancelled by bob', 'cancelled by alice', 'cancelled by alice before it started']);
    // The second step of the cancelled run never started.
    expect((await taskRuns(server, running.id)).map((t) => t.status)).toEqual(['CANCELLED']);
    expect(await server.engine.cancel(running.id, 'bob')).toBe('already-ended');
    expect(await server.engine.cancel(999_999, 'bob')).toBe('not-found');
    await clock.advanceTo('2027-01-04T12:00:00Z');
    expect(sync.waiting).toHaveLength(0);
  });

  it('refuses a run with a bad parameter before anything starts', async () => {
    const sync = gateTask('sync', { parameters: [{ name: 'channel', type: 'enum', values: ['a', 'b'], required: true }] });
    const { server } = await setUp([sync]);
    await addBunch(server, 'sync-bunch', [['sync']]);
    const error = await server.engine.runNow({ bunchId: await bunchId('sync-bunch'), requestedBy: 'a', params: { channel: 'c' } }).catch((e: unknown) => e);
    expect(String(error)).toMatch(/channel/);
    expect(await bunchRuns(server)).toHaveLength(0);
  });

  it('times a task out after its timeout, on the engine clock', async () => {
    const slow = gateTask('slow', { timeoutMs: 5 * 60_000 });
    const { server, clock } = await setUp([slow, instantTask('after')]);
    await addBunch(server, 'slow-bunch', [['slow'], ['after', 'FAILED']]);
    const run = await server.engine.runNow({ bunchId: await bunchId('slow-bunch'), requestedBy: 'a' });
    await clock.advance(0);
    await eventually(() => slow.waiting.length === 1);
    await clock.advance(5 * 60_000);
    const steps = await eventually(async () => {
      const t = await taskRuns(server, run.id);
      return t.length === 2 && t[1]?.status === 'FINISHED' && t;
    });
    expect(steps[0]).toMatchObject({ status: 'TIMED_OUT', status_reason: 'timed out after 5 min (ended by SIGTERM)' });
    const [bunch] = await bunchRuns(server);
    expect(bunch?.status).toBe('FAILED');
  });

  it('skips and moves single occurrences', async () => {
    const { server, clock } = await setUp([instantTask('ok')]);
    await addBunch(server, 'ok-bunch', [['ok']]);
    let s = await server.schedules.create({ label: 'hourly', bunch: 'ok-bunch', orgId: null, cron: '0 0 * * * ?', timeZone: 'UTC' }, 'test');
    s = await server.schedules.skipOccurrence(s.id, s.version, at('2027-01-04T11:00:00Z'), 'test');
    expect(s.nextFireAt).toBe(at('2027-01-04T12:00:00Z'));
    s = await server.schedules.moveOccurrence(s.id, s.version, at('2027-01-04T13:00:00Z'), at('2027-01-04T13:20:00Z'), 'test');
    const bad = await server.schedules.skipOccurrence(s.id, s.version, at('2027-01-04T13:30:00Z'), 'test').catch((e: unknown) => e);
    expect(String(bad)).toMatch(/no occurrence at 2027-01-04T13:30:00.000Z/);
    await clock.advanceTo('2027-01-04T14:30:00Z');
    const runs = await eventually(async () => {
      const r = await bunchRuns(server, s.id);
      return r.length === 3 && r.every((x) => x.status === 'FINISHED') && r;
    });
    expect(runs.map((r) => [new Date(Number(r.due_at)).toISOString().slice(11, 16), r.trigger])).toEqual([
      ['12:00', 'cron'],
      ['13:20', 'moved'],
      ['14:00', 'cron'],
    ]);
    expect(runs[1]?.status_reason).toBe('moved from 2027-01-04T13:00:00.000Z');
  });

  it('pauses and resumes; refuses an edit made at a stale version, naming who changed it', async () => {
    const { server, clock } = await setUp([instantTask('ok')]);
    await addBunch(server, 'ok-bunch', [['ok']]);
    const s = await server.schedules.create({ label: 'p', bunch: 'ok-bunch', orgId: null, cron: '0 * * * * ?', timeZone: 'UTC' }, 'test');
    const paused = await server.schedules.pause(s.id, s.version, 'maintenance window', 'alice');
    expect(paused).toMatchObject({ paused: true, pauseReason: 'maintenance window', nextFireAt: null, version: 2 });
    await clock.advanceTo('2027-01-04T10:10:00Z');
    expect(await bunchRuns(server, s.id)).toHaveLength(0);
    const stale = await server.schedules.resume(s.id, s.version, 'bob').catch((e: unknown) => e);
    expect(String(stale)).toMatch(/changed by alice \(schedule.pause\).*version 1, it is now version 2/);
    const resumed = await server.schedules.resume(s.id, paused.version, 'bob');
    expect(resumed.nextFireAt).toBe(at('2027-01-04T10:11:00Z'));
    const edited = await server.schedules.update(s.id, resumed.version, { cron: '0 30 * * * ?' }, 'bob');
    expect(edited.nextFireAt).toBe(at('2027-01-04T10:30:00Z'));
    await clock.advanceTo('2027-01-04T10:31:00Z');
    const runs = await eventually(async () => {
      const r = await bunchRuns(server, s.id);
      return r.length === 1 && r[0]?.status === 'FINISHED' && r;
    });
    expect(runs[0]?.due_at).toBe(at('2027-01-04T10:30:00Z'));
    const audit = await server.database.db.selectFrom('audit_log').select(['actor', 'action']).where('target_id', '=', String(s.id)).orderBy('id').execute();
    expect(audit.map((a) => `${a.actor}:${a.action}`)).toEqual(['test:schedule.create', 'alice:schedule.pause', 'bob:schedule.resume', 'bob:schedule.update']);
  });
});
