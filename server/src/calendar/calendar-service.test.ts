import { afterEach, describe, expect, it } from 'vitest';
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

  it('lists the occurrences of a cron on its zone wall clock, across a daylight-saving change', async () => {
    const { server, clock, calendar } = await setUp('2027-03-25T12:00:00Z');
    const s = await server.schedules.create({ label: 'berlin-0930', bunch: 'ok-bunch', orgId: null, cron: '0 30 9 * * ?', timeZone: 'Europe/Berlin' }, 'test');
    const week = await calendar.range({ from: clock.now(), to: clock.now() + 7 * DAY, scope: ALL });
    expect(week.occurrences.map((o) => iso(o.at))).toEqual([
      '2027-03-26T08:30:00.000Z',
      '2027-03-27T08:30:00.000Z',
      // Summer time from 28 March: 09:30 in Berlin is 07:30 UTC.
      '2027-03-28T07:30:00.000Z',
      '2027-03-29T07:30:00.000Z',
      '2027-03-30T07:30:00.000Z',
      '2027-03-31T07:30:00.000Z',
      '2027-04-01T07:30:00.000Z',
    ]);
    expect(week.occurrences[0]).toEqual({
      scheduleId: s.id,
      label: 'berlin-0930',
      bunch: 'ok-bunch',
      orgId: null,
      at: at('2027-03-26T08:30:00Z'),
      trigger: 'cron',
      movedFrom: null,
      expectedSeconds: null,
      expectedSecondsP95: null,
      locked: false,
    });
    expect(week).toMatchObject({ runs: [], bands: [], capped: false, timeZone: server.settings().default_time_zone });
  });

  it('shows a one-time schedule once, at its instant', async () => {
    const { server, clock, calendar } = await setUp();
    await server.schedules.create({ label: 'once', bunch: 'ok-bunch', orgId: null, runAt: at('2027-01-05T08:15:00Z') }, 'test');
    const week = await calendar.range({ from: clock.now(), to: clock.now() + 7 * DAY, scope: ALL });
    expect(week.occurrences).toMatchObject([{ label: 'once', at: at('2027-01-05T08:15:00Z'), trigger: 'once', movedFrom: null }]);
  });

  it('leaves out a skipped occurrence and shows a moved one at its new time only', async () => {
    const { server, calendar } = await setUp();
    let s = await server.schedules.create({ label: 'noon', bunch: 'ok-bunch', orgId: null, cron: '0 0 12 * * ?', timeZone: 'UTC' }, 'test');
    s = await server.schedules.skipOccurrence(s.id, s.version, at('2027-01-05T12:00:00Z'), 'test');
    await server.schedules.moveOccurrence(s.id, s.version, at('2027-01-06T12:00:00Z'), at('2027-01-06T15:00:00Z'), 'test');
    const days = await calendar.range({ from: at('2027-01-04T00:00:00Z'), to: at('2027-01-08T00:00:00Z'), scope: ALL });
    expect(days.occurrences.map((o) => [iso(o.at), o.trigger, o.movedFrom === null ? null : iso(o.movedFrom)])).toEqual([
      ['2027-01-04T12:00:00.000Z', 'cron', null],
      ['2027-01-06T15:00:00.000Z', 'moved', '2027-01-06T12:00:00.000Z'],
      ['2027-01-07T12:00:00.000Z', 'cron', null],
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
    expect(day.occurrences.map((o) => `${o.label} ${iso(o.at)}`)).toEqual([
      'windowed 2027-01-04T11:00:00.000Z',
      'windowed 2027-01-04T12:00:00.000Z',
      'windowed 2027-01-04T13:00:00.000Z',
    ]);
  });

  it('lists past runs with their statuses and times, and future occurrences only from now', async () => {
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
    expect(hour.occurrences.map((o) => `${o.label} ${iso(o.at)}`)).toEqual([
      'good 2027-01-04T11:00:00.000Z',
      'bad 2027-01-04T11:10:00.000Z',
      'good 2027-01-04T11:20:00.000Z',
    ]);
    expect(hour.occurrences.some((o) => o.scheduleId === bad.id && o.at < clock.now())).toBe(false);
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
    const hourly = day.occurrences.filter((o) => o.scheduleId === s.id);
    expect(hourly.length).toBeGreaterThan(0);
    expect(hourly.every((o) => o.expectedSeconds === 20 && o.expectedSecondsP95 === 60)).toBe(true);
    expect(day.occurrences.find((o) => o.scheduleId === other.id)).toMatchObject({ expectedSeconds: null, expectedSecondsP95: null });
  });

  it('summarises a schedule firing every minute as a band', async () => {
    const { server, clock, calendar } = await setUp();
    const s = await server.schedules.create({ label: 'every-minute', bunch: 'ok-bunch', orgId: null, cron: '30 * * * * ?', timeZone: 'Europe/Berlin' }, 'test');
    await server.schedules.create({ label: 'daily', bunch: 'ok-bunch', orgId: null, cron: '0 0 12 * * ?', timeZone: 'UTC' }, 'test');
    const day = await calendar.range({ from: clock.now(), to: clock.now() + DAY, scope: ALL });
    expect(day.bands).toEqual([
      { scheduleId: s.id, label: 'every-minute', bunch: 'ok-bunch', orgId: null, count: 1440, first: at('2027-01-04T10:00:30Z'), last: at('2027-01-05T09:59:30Z'), everySeconds: 60, locked: false },
    ]);
    expect(day.occurrences.map((o) => o.label)).toEqual(['daily']);
    expect(day.capped).toBe(false);
    // A higher threshold lists them one by one.
    const listed = await calendar.range({ from: clock.now(), to: clock.now() + DAY, scope: ALL, bandAbove: 2000 });
    expect(listed.bands).toEqual([]);
    expect(listed.occurrences.filter((o) => o.scheduleId === s.id)).toHaveLength(1440);
  });

  it('shows a fire the engine already claimed once, and a run requested for an instant as manual', async () => {
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
    expect(view.occurrences.map((o) => `${o.label} ${o.trigger} ${iso(o.at)}`)).toEqual([
      'hourly cron 2027-01-04T11:00:00.000Z',
      'hourly cron 2027-01-04T12:00:00.000Z',
      'hourly manual 2027-01-04T12:30:00.000Z',
      'hourly cron 2027-01-04T13:00:00.000Z',
    ]);
    expect(view.bands).toMatchObject([{ scheduleId: band.id, count: 150, first: at('2027-01-04T11:00:00Z'), everySeconds: 60 }]);
    expect(view.runs).toEqual([]);

    // Cancelled before their time, the claimed fire and the requested run show as runs, and no occurrence comes back.
    for (const run of ready.filter((r) => Number(r.schedule_id) === s.id)) await server.engine.cancel(Number(run.id), 'test');
    const after = await calendar.range({ from: clock.now(), to: at('2027-01-04T13:30:00Z'), scope: ALL, bandAbove: 100 });
    expect(after.occurrences.map((o) => `${o.label} ${iso(o.at)}`)).toEqual(['hourly 2027-01-04T12:00:00.000Z', 'hourly 2027-01-04T13:00:00.000Z']);
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
    expect(view.occurrences.map((o) => iso(o.at))).toEqual(['2027-01-04T10:03:00.000Z', '2027-01-04T10:04:00.000Z']);
  });

  it('refuses a range that ends before it starts or covers more than 62 days', async () => {
    const { calendar } = await setUp();
    await expect(calendar.range({ from: at(T0), to: at(T0), scope: ALL })).rejects.toBeInstanceOf(DomainError);
    await expect(calendar.range({ from: at(T0), to: at(T0) + 63 * DAY, scope: ALL })).rejects.toThrow(/at most 62 days/);
    await expect(calendar.range({ from: at(T0), to: at(T0) + 62 * DAY, scope: ALL })).resolves.toMatchObject({ capped: false });
  });
});
