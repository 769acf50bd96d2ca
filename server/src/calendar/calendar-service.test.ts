import { afterEach, describe, expect, it } from 'vitest';
import type { RunStatus } from '@taskomatic/shared';
import { FakeClock } from '../engine/fake-clock.js';
import { DomainError } from '../services/domain-error.js';
import { addBunch, bunchRuns, eventually, type Harness, startHarness } from '../../test/support/harness.js';
import { gateTask, instantTask } from '../../test/support/test-tasks.js';
import type { CalendarScope } from './calendar-data.js';
import { CalendarService } from './calendar-service.js';

const T0 = '2027-01-04T10:00:00Z';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
const ALL: CalendarScope = { org: 'all', satelliteLocked: false };

describe('CalendarService (real server, fake clock)', () => {
  let h: Harness;
  afterEach(async () => h?.dispose());

  async function setUp(start = T0, tasks = [instantTask('ok'), instantTask('bad', 'fail')]) {
    h = await startHarness({ clock: new FakeClock(start), tasks });
    const { server } = h;
    await addBunch(server, 'ok-bunch', [['ok']]);
    await addBunch(server, 'bad-bunch', [['bad']]);
    const calendar = new CalendarService({ db: server.database.db, clock: h.clock, settings: server.settings });
    return { server, clock: h.clock as FakeClock, calendar };
  }

  it('lists the fires of a cron on its zone wall clock, across a daylight-saving change, with the schedule once', async () => {
    const { server, clock, calendar } = await setUp('2027-03-25T12:00:00Z');
    const s = await server.schedules.create({ label: 'berlin-0930', bunch: 'ok-bunch', orgId: null, cron: '0 30 9 * * ?', timeZone: 'Europe/Berlin' }, 'test');
    const week = await calendar.range({ from: clock.now(), to: clock.now() + 7 * DAY, scope: ALL });
    expect(week.schedules).toHaveLength(1);
    expect(week.schedules[0]?.times.map(iso)).toEqual([
      '2027-03-26T08:30:00.000Z',
      '2027-03-27T08:30:00.000Z',
      // Summer time from 28 March: 09:30 in Berlin is 07:30 UTC.
      '2027-03-28T07:30:00.000Z',
      '2027-03-29T07:30:00.000Z',
      '2027-03-30T07:30:00.000Z',
      '2027-03-31T07:30:00.000Z',
      '2027-04-01T07:30:00.000Z',
    ]);
    expect(week.schedules[0]).toEqual({
      scheduleId: s.id,
      label: 'berlin-0930',
      bunch: 'ok-bunch',
      orgId: null,
      kind: 'cron',
      cron: '0 30 9 * * ?',
      cronDescription: 'At 09:30, every day',
      timeZone: 'Europe/Berlin',
      expectedSeconds: null,
      expectedSecondsP95: null,
      locked: false,
      times: expect.any(Array),
      moved: [],
      band: null,
    });
    expect(week).toMatchObject({ runs: [], runBands: [], capped: false, timeZone: server.settings().default_time_zone });
  });

  it('shows a one-time schedule once, at its instant', async () => {
    const { server, clock, calendar } = await setUp();
    await server.schedules.create({ label: 'once', bunch: 'ok-bunch', orgId: null, runAt: at('2027-01-05T08:15:00Z') }, 'test');
    const week = await calendar.range({ from: clock.now(), to: clock.now() + 7 * DAY, scope: ALL });
    expect(week.schedules).toMatchObject([{ label: 'once', kind: 'once', cron: null, cronDescription: null, times: [at('2027-01-05T08:15:00Z')], moved: [], band: null }]);
  });

  it('leaves out a skipped occurrence and shows a moved one at its new time only', async () => {
    const { server, calendar } = await setUp();
    let s = await server.schedules.create({ label: 'noon', bunch: 'ok-bunch', orgId: null, cron: '0 0 12 * * ?', timeZone: 'UTC' }, 'test');
    s = await server.schedules.skipOccurrence(s.id, s.version, at('2027-01-05T12:00:00Z'), 'test');
    await server.schedules.moveOccurrence(s.id, s.version, at('2027-01-06T12:00:00Z'), at('2027-01-06T15:00:00Z'), 'test');
    const days = await calendar.range({ from: at('2027-01-04T00:00:00Z'), to: at('2027-01-08T00:00:00Z'), scope: ALL });
    expect(days.schedules.map((x) => [x.times.map(iso), x.moved.map((m) => [iso(m.at), iso(m.from)])])).toEqual([
      [
        ['2027-01-04T12:00:00.000Z', '2027-01-07T12:00:00.000Z'],
        [['2027-01-06T15:00:00.000Z', '2027-01-06T12:00:00.000Z']],
      ],
    ]);
  });

  it('shows nothing for paused and ended schedules', async () => {
    const { server, clock, calendar } = await setUp();
    const paused = await server.schedules.create({ label: 'paused', bunch: 'ok-bunch', orgId: null, cron: '0 0 * * * ?', timeZone: 'UTC' }, 'test');
    await server.schedules.pause(paused.id, paused.version, 'maintenance window', 'test');
    const ended = await server.schedules.create({ label: 'ended', bunch: 'ok-bunch', orgId: null, cron: '0 0 * * * ?', timeZone: 'UTC' }, 'test');
    await server.schedules.unschedule(ended.id, 'test');
    await server.schedules.create({ label: 'windowed', bunch: 'ok-bunch', orgId: null, cron: '0 0 * * * ?', timeZone: 'UTC', activeTill: at('2027-01-04T13:30:00Z') }, 'test');
    const day = await calendar.range({ from: clock.now(), to: clock.now() + DAY, scope: ALL });
    expect(day.schedules.map((x) => [x.label, x.times.map(iso)])).toEqual([
      ['windowed', ['2027-01-04T11:00:00.000Z', '2027-01-04T12:00:00.000Z', '2027-01-04T13:00:00.000Z']],
    ]);
  });

  it('lists past runs with their statuses and times, and future fires only from now', async () => {
    const { server, clock, calendar } = await setUp();
    const good = await server.schedules.create({ label: 'good', bunch: 'ok-bunch', orgId: null, cron: '0 0/20 * * * ?', timeZone: 'UTC' }, 'test');
    const bad = await server.schedules.create({ label: 'bad', bunch: 'bad-bunch', orgId: null, cron: '0 10 * * * ?', timeZone: 'UTC' }, 'test');
    await clock.advanceTo('2027-01-04T10:45:00Z');
    await eventually(async () => (await bunchRuns(server)).filter((r) => r.status === 'FINISHED' || r.status === 'FAILED').length === 3, 'three ended runs');
    const hour = await calendar.range({ from: at(T0), to: at('2027-01-04T11:30:00Z'), scope: ALL });
    expect(hour.runs.map((r) => [r.label, r.status, iso(r.dueAt)])).toEqual([
      ['bad', 'FAILED', '2027-01-04T10:10:00.000Z'],
      ['good', 'FINISHED', '2027-01-04T10:20:00.000Z'],
      ['good', 'FINISHED', '2027-01-04T10:40:00.000Z'],
    ]);
    expect(hour.runs[1]).toMatchObject({
      scheduleId: good.id,
      bunch: 'ok-bunch',
      orgId: null,
      trigger: 'cron',
      startedAt: at('2027-01-04T10:20:00Z'),
      endedAt: at('2027-01-04T10:20:00Z'),
    });
    expect(hour.schedules.map((x) => [x.label, x.times.map(iso)])).toEqual([
      ['good', ['2027-01-04T11:00:00.000Z', '2027-01-04T11:20:00.000Z']],
      ['bad', ['2027-01-04T11:10:00.000Z']],
    ]);
    expect(hour.schedules.some((x) => x.scheduleId === bad.id && x.times.some((t) => t < clock.now()))).toBe(false);
    expect(hour.runBands).toEqual([]);
  });

  it('gives expected durations from the latest finished runs: median and 95th percentile', async () => {
    const slow = gateTask('slow');
    const { server, clock, calendar } = await setUp(T0, [slow]);
    await addBunch(server, 'slow-bunch', [['slow']]);
    const s = await server.schedules.create({ label: 'hourly', bunch: 'slow-bunch', orgId: null, cron: '0 0 * * * ?', timeZone: 'UTC' }, 'test');
    const other = await server.schedules.create({ label: 'never-ran', bunch: 'slow-bunch', orgId: null, cron: '0 30 * * * ?', timeZone: 'UTC', activeFrom: at('2027-01-05T00:00:00Z') }, 'test');
    // Runs of 10 s, 20 s and 60 s finish; one of 500 s fails and does not count.
    for (const [seconds, outcome] of [[10, 'finish'], [20, 'finish'], [500, 'fail'], [60, 'finish']] as const) {
      await clock.advanceTo(Math.ceil((clock.now() + 1) / HOUR) * HOUR);
      await eventually(() => slow.waiting.length === 1, 'the run to start');
      await clock.advance(seconds * 1000);
      slow.release(outcome);
      await eventually(async () => (await bunchRuns(server, s.id)).every((r) => r.status === 'FINISHED' || r.status === 'FAILED'), 'the run to end');
    }
    const day = await calendar.range({ from: clock.now(), to: at('2027-01-05T01:00:00Z'), scope: ALL });
    const hourly = day.schedules.find((x) => x.scheduleId === s.id);
    expect(hourly?.times.length).toBeGreaterThan(0);
    expect(hourly).toMatchObject({ expectedSeconds: 20, expectedSecondsP95: 60 });
    expect(day.schedules.find((x) => x.scheduleId === other.id)).toMatchObject({ expectedSeconds: null, expectedSecondsP95: null });
  });

  it('summarises a schedule firing every minute as a band', async () => {
    const { server, clock, calendar } = await setUp();
    const s = await server.schedules.create({ label: 'every-minute', bunch: 'ok-bunch', orgId: null, cron: '30 * * * * ?', timeZone: 'Europe/Berlin' }, 'test');
    await server.schedules.create({ label: 'daily', bunch: 'ok-bunch', orgId: null, cron: '0 0 12 * * ?', timeZone: 'UTC' }, 'test');
    const day = await calendar.range({ from: clock.now(), to: clock.now() + DAY, scope: ALL });
    expect(day.schedules.map((x) => [x.label, x.times.length, x.band])).toEqual([
      ['every-minute', 0, { count: 1440, first: at('2027-01-04T10:00:30Z'), last: at('2027-01-05T09:59:30Z'), everySeconds: 60 }],
      ['daily', 1, null],
    ]);
    expect(day.schedules[0]).toMatchObject({ scheduleId: s.id, cronDescription: 'Every minute, at second 30', timeZone: 'Europe/Berlin', moved: [] });
    expect(day.capped).toBe(false);
    // A higher threshold lists them one by one.
    const listed = await calendar.range({ from: clock.now(), to: clock.now() + DAY, scope: ALL, bandAbove: 2000 });
    expect(listed.schedules.find((x) => x.scheduleId === s.id)).toMatchObject({ band: null, times: expect.any(Array) });
    expect(listed.schedules.find((x) => x.scheduleId === s.id)?.times).toHaveLength(1440);
  });

  it('shows a fire the engine already claimed once, and a run requested for an instant as a waiting run', async () => {
    const { server, clock, calendar } = await setUp();
    const s = await server.schedules.create({ label: 'hourly', bunch: 'ok-bunch', orgId: null, cron: '0 0 * * * ?', timeZone: 'UTC' }, 'test');
    const band = await server.schedules.create({ label: 'every-minute', bunch: 'ok-bunch', orgId: null, cron: '0 * * * * ?', timeZone: 'UTC' }, 'test');
    await server.engine.runNow({ scheduleId: s.id, at: at('2027-01-04T12:30:00Z'), requestedBy: 'test' });
    // Claimed about a second ahead: the 11:00 fire of both schedules is a READY run now.
    await clock.advanceTo('2027-01-04T10:59:59.500Z');
    const ready = (await bunchRuns(server)).filter((r) => r.status === 'READY');
    expect(ready.map((r) => [Number(r.schedule_id), r.trigger, iso(Number(r.due_at))])).toEqual(
      expect.arrayContaining([
        [s.id, 'cron', '2027-01-04T11:00:00.000Z'],
        [band.id, 'cron', '2027-01-04T11:00:00.000Z'],
        [s.id, 'manual', '2027-01-04T12:30:00.000Z'],
      ]),
    );
    const view = await calendar.range({ from: clock.now(), to: at('2027-01-04T13:30:00Z'), scope: ALL, bandAbove: 100 });
    // The claimed 11:00 fire is listed once, among the computed ones.
    expect(view.schedules.find((x) => x.scheduleId === s.id)?.times.map(iso)).toEqual([
      '2027-01-04T11:00:00.000Z',
      '2027-01-04T12:00:00.000Z',
      '2027-01-04T13:00:00.000Z',
    ]);
    // The claimed fire of the band is counted once in it.
    expect(view.schedules.find((x) => x.scheduleId === band.id)).toMatchObject({ times: [], band: { count: 150, first: at('2027-01-04T11:00:00Z'), everySeconds: 60 } });
    // The run requested for 12:30 is no fire of the schedule: a waiting run.
    expect(view.runs.map((r) => [r.label, r.trigger, r.status, iso(r.dueAt)])).toEqual([['hourly', 'manual', 'READY', '2027-01-04T12:30:00.000Z']]);

    // Cancelled before their time, the claimed fire and the requested run show as runs, and no fire comes back.
    for (const run of ready.filter((r) => Number(r.schedule_id) === s.id)) await server.engine.cancel(Number(run.id), 'test');
    const after = await calendar.range({ from: clock.now(), to: at('2027-01-04T13:30:00Z'), scope: ALL, bandAbove: 100 });
    expect(after.schedules.find((x) => x.scheduleId === s.id)?.times.map(iso)).toEqual(['2027-01-04T12:00:00.000Z', '2027-01-04T13:00:00.000Z']);
    expect(after.runs.map((r) => [r.trigger, r.status, iso(r.dueAt)])).toEqual([
      ['cron', 'CANCELLED', '2027-01-04T11:00:00.000Z'],
      ['manual', 'CANCELLED', '2027-01-04T12:30:00.000Z'],
    ]);
  });

  it('lists a READY run waiting past its time (queued behind a running one) as a run', async () => {
    const slow = gateTask('slow');
    const { server, clock, calendar } = await setUp(T0, [slow]);
    await addBunch(server, 'slow-bunch', [['slow']]);
    await server.schedules.create({ label: 'queued', bunch: 'slow-bunch', orgId: null, cron: '0 * * * * ?', timeZone: 'UTC', overlapPolicy: 'QUEUE_ONE' }, 'test');
    await clock.advanceTo('2027-01-04T10:01:00Z');
    await eventually(() => slow.waiting.length === 1, 'the first run to start');
    await clock.advanceTo('2027-01-04T10:02:30Z');
    const view = await calendar.range({ from: at(T0), to: at('2027-01-04T10:05:00Z'), scope: ALL });
    expect(view.runs.map((r) => [r.status, iso(r.dueAt)])).toEqual([
      ['RUNNING', '2027-01-04T10:01:00.000Z'],
      ['READY', '2027-01-04T10:02:00.000Z'],
    ]);
    expect(view.schedules.map((x) => x.times.map(iso))).toEqual([['2027-01-04T10:03:00.000Z', '2027-01-04T10:04:00.000Z']]);
  });

  /** Stores finished-looking runs of a schedule directly, one a minute from `start`, with the statuses given. */
  async function storeRuns(scheduleId: number, start: number, statuses: ReadonlyArray<RunStatus>): Promise<void> {
    const db = h.server.database.db;
    const { bunch_id } = await db.selectFrom('schedules').select('bunch_id').where('id', '=', scheduleId).executeTakeFirstOrThrow();
    const first = 900_000_000 + scheduleId * 10_000;
    const rows = statuses.map((status, i) => {
      const due = start + i * 60_000;
      return { id: first + i, schedule_id: scheduleId, bunch_id, org_id: null, trigger: 'cron', status, due_at: due, started_at: due, ended_at: due + 5000, params: '{}', steps: '[]', fire_count: 1 };
    });
    for (let i = 0; i < rows.length; i += 100) await db.insertInto('bunch_runs').values(rows.slice(i, i + 100)).execute();
  }

  it("counts the past runs of a schedule with more than bandAbove of them by status, and lists only those that did not finish", async () => {
    const { server, calendar } = await setUp();
    const frequent = await server.schedules.create({ label: 'frequent', bunch: 'ok-bunch', orgId: null, cron: '0 * * * * ?', timeZone: 'UTC' }, 'test');
    const sparse = await server.schedules.create({ label: 'sparse', bunch: 'bad-bunch', orgId: null, cron: '0 0 3 * * ?', timeZone: 'UTC' }, 'test');
    const start = at('2027-01-03T00:00:00Z');
    const statuses: RunStatus[] = Array.from({ length: 250 }, () => 'FINISHED');
    statuses[10] = 'FAILED';
    statuses[20] = 'FAILED';
    statuses[30] = 'SKIPPED';
    statuses[40] = 'TIMED_OUT';
    statuses[249] = 'INTERRUPTED';
    await storeRuns(frequent.id, start, statuses);
    await storeRuns(sparse.id, start + 30_000, ['FINISHED', 'FAILED', 'FINISHED']);
    const yesterday = { from: start, to: start + DAY, scope: ALL };

    const day = await calendar.range(yesterday);
    expect(day.runBands).toEqual([
      {
        scheduleId: frequent.id,
        label: 'frequent',
        bunch: 'ok-bunch',
        orgId: null,
        count: 250,
        first: start,
        last: start + 249 * 60_000,
        byStatus: { FINISHED: 245, FAILED: 2, SKIPPED: 1, TIMED_OUT: 1, INTERRUPTED: 1 },
      },
    ]);
    expect(day.runs.map((r) => [r.label, r.status, iso(r.dueAt)])).toEqual([
      ['sparse', 'FINISHED', '2027-01-03T00:00:30.000Z'],
      ['sparse', 'FAILED', '2027-01-03T00:01:30.000Z'],
      ['sparse', 'FINISHED', '2027-01-03T00:02:30.000Z'],
      ['frequent', 'FAILED', '2027-01-03T00:10:00.000Z'],
      ['frequent', 'FAILED', '2027-01-03T00:20:00.000Z'],
      ['frequent', 'SKIPPED', '2027-01-03T00:30:00.000Z'],
      ['frequent', 'TIMED_OUT', '2027-01-03T00:40:00.000Z'],
      ['frequent', 'INTERRUPTED', '2027-01-03T04:09:00.000Z'],
    ]);
    expect(day.runs[3]).toMatchObject({ scheduleId: frequent.id, bunch: 'ok-bunch', orgId: null, trigger: 'cron', startedAt: at('2027-01-03T00:10:00Z'), endedAt: at('2027-01-03T00:10:05Z') });
    expect(day).toMatchObject({ schedules: [], capped: false });

    // A higher threshold lists every run; a lower one makes a band of the sparse schedule too.
    const all = await calendar.range({ ...yesterday, bandAbove: 250 });
    expect(all.runBands).toEqual([]);
    expect(all.runs).toHaveLength(253);
    const low = await calendar.range({ ...yesterday, bandAbove: 2 });
    expect(low.runBands.map((b) => [b.label, b.count, b.byStatus])).toEqual([
      ['frequent', 250, { FINISHED: 245, FAILED: 2, SKIPPED: 1, TIMED_OUT: 1, INTERRUPTED: 1 }],
      ['sparse', 3, { FINISHED: 2, FAILED: 1 }],
    ]);
    expect(low.runs.map((r) => `${r.label} ${r.status}`)).toEqual(['sparse FAILED', 'frequent FAILED', 'frequent FAILED', 'frequent SKIPPED', 'frequent TIMED_OUT', 'frequent INTERRUPTED']);
  });

  it('counts only the runs inside the range in a run band, and keeps the past runs of a paused schedule', async () => {
    const { server, calendar } = await setUp();
    let frequent = await server.schedules.create({ label: 'frequent', bunch: 'ok-bunch', orgId: null, cron: '0 * * * * ?', timeZone: 'UTC' }, 'test');
    frequent = await server.schedules.pause(frequent.id, frequent.version, 'too noisy', 'test');
    const start = at('2027-01-03T00:00:00Z');
    await storeRuns(frequent.id, start, Array.from({ length: 300 }, (_, i) => (i === 150 ? 'FAILED' : 'FINISHED')));
    // From 00:50 to 04:00: runs 50 to 239.
    const view = await calendar.range({ from: start + 50 * 60_000, to: start + 4 * HOUR, scope: ALL, bandAbove: 100 });
    expect(view.runBands).toMatchObject([{ scheduleId: frequent.id, count: 190, first: start + 50 * 60_000, last: start + 239 * 60_000, byStatus: { FINISHED: 189, FAILED: 1 } }]);
    expect(view.runs.map((r) => [r.status, iso(r.dueAt)])).toEqual([['FAILED', '2027-01-03T02:30:00.000Z']]);
    expect(view.schedules).toEqual([]);
  });

  it('refuses a range that ends before it starts or covers more than 62 days', async () => {
    const { calendar } = await setUp();
    await expect(calendar.range({ from: at(T0), to: at(T0), scope: ALL })).rejects.toBeInstanceOf(DomainError);
    await expect(calendar.range({ from: at(T0), to: at(T0) + 63 * DAY, scope: ALL })).rejects.toThrow(/at most 62 days/);
    await expect(calendar.range({ from: at(T0), to: at(T0) + 62 * DAY, scope: ALL })).resolves.toMatchObject({ capped: false });
  });
});
