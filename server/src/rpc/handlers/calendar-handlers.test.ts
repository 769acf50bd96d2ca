import { afterEach, describe, expect, it } from 'vitest';
import { ApiFault } from '@taskomatic/shared';
import { writeSettings } from '../../db/repos/settings-repo.js';
import { BunchCache } from '../../engine/bunch-cache.js';
import { FakeClock } from '../../engine/fake-clock.js';
import { silentLogger } from '../../logger.js';
import { addBunch, addOrg, bunchRuns, eventually, type Harness, startHarness } from '../../../test/support/harness.js';
import { instantTask } from '../../../test/support/test-tasks.js';
import type { CallContext, Caller } from '../gate.js';
import type { ApiDeps } from './api-deps.js';
import { ChangeFeed } from '../../services/change-feed.js';
import { calendarHandlers } from './calendar-handlers.js';

const T0 = '2027-01-04T10:00:00Z';
const HOUR = 3_600_000;

describe('calendar.range (real server, fake clock)', () => {
  let h: Harness;
  afterEach(async () => h?.dispose());

  async function setUp() {
    h = await startHarness({ clock: new FakeClock(T0), tasks: [instantTask('ok')] });
    const { server } = h;
    const db = server.database.db;
    const deps: ApiDeps & { changes: ChangeFeed } = {
      changes: new ChangeFeed(h.clock),
      db,
      engine: server.engine,
      schedules: server.schedules,
      bunches: new BunchCache(db),
      catalog: server.catalog,
      clock: h.clock,
      logger: silentLogger,
      settings: server.settings,
    };
    const orgA = await addOrg(server, 'org-a');
    const orgB = await addOrg(server, 'org-b');
    await addBunch(server, 'sat-bunch', [['ok']]);
    await addBunch(server, 'org-bunch', [['ok']], { orgBunch: true });
    const satellite = await server.schedules.create({ label: 'sat-hourly', bunch: 'sat-bunch', orgId: null, cron: '0 30 * * * ?', timeZone: 'UTC' }, 'test');
    const inA = await server.schedules.create({ label: 'a-hourly', bunch: 'org-bunch', orgId: orgA, cron: '0 0 * * * ?', timeZone: 'UTC' }, 'test');
    // Runs of both (sat 10:30 and 11:30, org A 11:00), so that there is history to hide or show.
    await (h.clock as FakeClock).advanceTo('2027-01-04T11:45:00Z');
    await eventually(async () => (await bunchRuns(server)).filter((r) => r.status === 'FINISHED').length === 3, 'three finished runs');

    const users = new Map<string, Caller>();
    const addUser = async (username: string, role: Caller['role'], orgId: number | null, showSatelliteSchedules = false) => {
      const { id } = await db
        .insertInto('users')
        .values({ username, role, org_id: orgId, password_hash: 'not used', disabled: 0, created_at: 0, preferences: JSON.stringify({ showSatelliteSchedules }) })
        .returning('id')
        .executeTakeFirstOrThrow();
      users.set(username, { userId: Number(id), username, role, orgId });
    };
    await addUser('root', 'sat-admin', null);
    await addUser('alice', 'org-admin', orgA);
    await addUser('anna', 'org-admin', orgA, true);
    await addUser('bob', 'org-admin', orgB, true);
    const handlers = calendarHandlers(deps);
    const range = (username: string, request: { from?: string; to?: string; orgId?: number; bandAbove?: number } = {}) => {
      const caller = users.get(username);
      if (!caller) throw new Error(`no user ${username}`);
      const call: CallContext = { caller, sessionKey: 'key', address: '127.0.0.1' };
      const { from = '2027-01-04T11:00:00Z', to = '2027-01-04T14:00:00Z', ...rest } = request;
      return handlers['calendar.range'](call, { from: new Date(from), to: new Date(to), ...rest });
    };
    const allowSatelliteSchedules = async (allowed: boolean) => {
      await writeSettings(db, { org_admins_may_see_satellite_schedules: allowed }, h.clock.now());
      await server.reloadSettings();
    };
    return { server, orgA, orgB, satellite, inA, range, allowSatelliteSchedules };
  }

  it('answers API structs: dates, optional fields left out, the satellite zone', async () => {
    const { server, satellite, inA, orgA, range } = await setUp();
    const result = await range('root');
    expect(result.timeZone).toBe(server.settings().default_time_zone);
    expect(result.capped).toBe(false);
    expect(result.runs).toEqual([
      {
        bunchRunId: expect.any(Number),
        scheduleId: inA.id,
        label: 'a-hourly',
        bunch: 'org-bunch',
        orgId: orgA,
        status: 'FINISHED',
        trigger: 'cron',
        dueTime: new Date('2027-01-04T11:00:00Z'),
        startTime: new Date('2027-01-04T11:00:00Z'),
        endTime: new Date('2027-01-04T11:00:00Z'),
      },
      expect.objectContaining({ scheduleId: satellite.id, label: 'sat-hourly', dueTime: new Date('2027-01-04T11:30:00Z') }),
    ]);
    expect(result.runs[1]).not.toHaveProperty('orgId');
    expect(result.runBands).toEqual([]);
    expect(result.schedules).toEqual([
      {
        scheduleId: satellite.id,
        label: 'sat-hourly',
        bunch: 'sat-bunch',
        kind: 'cron',
        cron: '0 30 * * * ?',
        cronDescription: 'At 30 minutes past every hour',
        timeZone: 'UTC',
        // Runs finish at once here: an expected duration of 0 s.
        expectedSeconds: 0,
        expectedSecondsP95: 0,
        locked: false,
        times: [new Date('2027-01-04T12:30:00Z'), new Date('2027-01-04T13:30:00Z')],
        moved: [],
      },
      {
        scheduleId: inA.id,
        label: 'a-hourly',
        bunch: 'org-bunch',
        orgId: orgA,
        kind: 'cron',
        cron: '0 0 * * * ?',
        cronDescription: 'Every hour',
        timeZone: 'UTC',
        expectedSeconds: 0,
        expectedSecondsP95: 0,
        locked: false,
        times: [new Date('2027-01-04T12:00:00Z'), new Date('2027-01-04T13:00:00Z')],
        moved: [],
      },
    ]);
    const band = await range('root', { bandAbove: 1 });
    expect(band.schedules.map((x) => [x.scheduleId, x.times, x.band])).toEqual([
      [satellite.id, [], { count: 2, first: new Date('2027-01-04T12:30:00Z'), last: new Date('2027-01-04T13:30:00Z'), everySeconds: HOUR / 1000 }],
      [inA.id, [], { count: 2, first: new Date('2027-01-04T12:00:00Z'), last: new Date('2027-01-04T13:00:00Z'), everySeconds: HOUR / 1000 }],
    ]);
  });

  it('answers run bands as API structs: counts by status, the runs that did not finish listed', async () => {
    const { satellite, inA, orgA, range } = await setUp();
    // From 10:00: two satellite runs (10:30, 11:30), one of org A (11:00).
    const result = await range('root', { from: '2027-01-04T10:00:00Z', bandAbove: 1 });
    expect(result.runBands).toEqual([
      { scheduleId: satellite.id, label: 'sat-hourly', bunch: 'sat-bunch', count: 2, first: new Date('2027-01-04T10:30:00Z'), last: new Date('2027-01-04T11:30:00Z'), byStatus: { FINISHED: 2 } },
    ]);
    expect(result.runs.map((r) => [r.scheduleId, r.status])).toEqual([[inA.id, 'FINISHED']]);
    const org = await range('root', { from: '2027-01-04T10:00:00Z', bandAbove: 1, orgId: orgA });
    expect(org.runBands).toEqual([]);
    expect(org.runs.map((r) => r.scheduleId)).toEqual([inA.id]);
  });

  it('shows an org admin their own org only, and another org nothing of it', async () => {
    const { inA, orgA, orgB, range } = await setUp();
    const alice = await range('alice', { orgId: orgB });
    expect(alice.runs.map((r) => r.scheduleId)).toEqual([inA.id]);
    expect(alice.schedules.map((x) => [x.scheduleId, x.locked, x.times.length])).toEqual([[inA.id, false, 2]]);
    const bob = await range('bob', { orgId: orgA });
    expect(bob).toMatchObject({ runs: [], schedules: [], runBands: [] });
    const bobBands = await range('bob', { from: '2027-01-04T10:00:00Z', bandAbove: 1 });
    expect(bobBands).toMatchObject({ runs: [], schedules: [], runBands: [] });
  });

  it('shows satellite-level fires to an org admin, locked and without runs, only when the satellite allows it and they asked', async () => {
    const { satellite, inA, range, allowSatelliteSchedules } = await setUp();
    // Asked for, but not allowed.
    expect((await range('anna')).schedules.map((x) => x.scheduleId)).toEqual([inA.id]);
    await allowSatelliteSchedules(true);
    // Allowed, but not asked for.
    expect((await range('alice')).schedules.map((x) => x.scheduleId)).toEqual([inA.id]);
    const anna = await range('anna');
    expect(anna.runs.map((r) => r.scheduleId)).toEqual([inA.id]);
    expect(anna.schedules.find((x) => x.scheduleId === satellite.id)).toEqual({
      scheduleId: satellite.id,
      label: 'sat-hourly',
      bunch: 'sat-bunch',
      kind: 'cron',
      cron: '0 30 * * * ?',
      cronDescription: 'At 30 minutes past every hour',
      timeZone: 'UTC',
      // No expected duration: it would tell of runs the org admin may not see.
      locked: true,
      times: [new Date('2027-01-04T12:30:00Z'), new Date('2027-01-04T13:30:00Z')],
      moved: [],
    });
    expect(anna.schedules.find((x) => x.scheduleId === inA.id)?.locked).toBe(false);
    const bands = await range('anna', { from: '2027-01-04T10:00:00Z', bandAbove: 1 });
    expect(bands.schedules.map((x) => [x.scheduleId, x.locked, x.band?.count])).toEqual([
      [satellite.id, true, 2],
      [inA.id, false, 2],
    ]);
    // Never the satellite's runs, not even counted.
    expect(bands.runBands).toEqual([]);
    expect(bands.runs.map((r) => r.scheduleId)).toEqual([inA.id]);
  });

  it('shows a satellite admin everything, or one org', async () => {
    const { satellite, inA, orgA, range } = await setUp();
    expect((await range('root')).schedules.map((x) => x.scheduleId)).toEqual([satellite.id, inA.id]);
    const one = await range('root', { orgId: orgA });
    expect(one.schedules.map((x) => x.scheduleId)).toEqual([inA.id]);
    expect(one.runs.map((r) => r.scheduleId)).toEqual([inA.id]);
  });

  it('refuses a range that ends before it starts or covers more than 62 days', async () => {
    const { range } = await setUp();
    for (const request of [
      { from: '2027-01-04T12:00:00Z', to: '2027-01-04T12:00:00Z' },
      { from: '2027-01-04T12:00:00Z', to: '2027-01-04T11:00:00Z' },
      { from: '2027-01-01T00:00:00Z', to: '2027-03-05T00:00:00Z' },
    ]) {
      const refused = await range('root', request).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(ApiFault);
      expect((refused as ApiFault).fault).toBe('INVALID_ARGUMENT');
    }
    await expect(range('root', { from: '2027-01-01T00:00:00Z', to: '2027-03-04T00:00:00Z' })).resolves.toMatchObject({ capped: false });
  });
});
