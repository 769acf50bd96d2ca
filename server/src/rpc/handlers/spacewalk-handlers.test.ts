import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addBunch, addOrg, eventually, type Harness, startHarness } from '../../../test/support/harness.js';
import { instantTask } from '../../../test/support/test-tasks.js';
import { BunchCache } from '../../engine/bunch-cache.js';
import type { FakeClock } from '../../engine/fake-clock.js';
import { silentLogger } from '../../logger.js';
import type { RunnableTask } from '../../runner/task.js';
import { DomainError } from '../../services/domain-error.js';
import type { CallContext } from '../gate.js';
import { spacewalkHandlers } from './spacewalk-handlers.js';

const T0 = Date.parse('2027-01-04T10:00:00Z');
const STDOUT = 'abc\nüber\n';
const STDERR = 'warn: careful\n';

/** A task that writes a known stdout (with a two-byte character) and stderr, then succeeds. */
const chatty: RunnableTask = {
  ...instantTask('chatty'),
  async run(execution) {
    execution.output.write('stdout', STDOUT);
    execution.output.write('stderr', STDERR);
    return { exitCode: 0, signal: null, error: null };
  },
};

const context = (userId: number, role: 'sat-admin' | 'org-admin', orgId: number | null): CallContext => ({
  caller: { userId, username: `user${userId}`, role, orgId },
  sessionKey: 'k',
  address: '127.0.0.1',
});

/** A NOT_FOUND fault, with a message matching `message` when given. */
const notFound = (message?: RegExp) => ({ fault: 'NOT_FOUND', ...(message ? { message: expect.stringMatching(message) } : {}) });

describe('the Spacewalk family (taskomatic.* and taskomatic.org.*)', () => {
  let h: Harness;
  let clock: FakeClock;
  let api: ReturnType<typeof spacewalkHandlers>;
  let sat: CallContext;
  let adminA: CallContext;
  let adminB: CallContext;

  beforeEach(async () => {
    h = await startHarness({ tasks: [chatty] });
    clock = h.clock as FakeClock;
    const { server } = h;
    await addBunch(server, 'chatty-bunch', [['chatty']]);
    await addBunch(server, 'chatty-org-bunch', [['chatty']], { orgBunch: true });
    const orgA = await addOrg(server, 'org-a');
    const orgB = await addOrg(server, 'org-b');
    const bunches = new BunchCache(server.database.db);
    await bunches.reload();
    api = spacewalkHandlers({
      db: server.database.db,
      engine: server.engine,
      schedules: server.schedules,
      bunches,
      catalog: server.catalog,
      clock,
      logger: silentLogger,
      settings: server.settings,
    });
    sat = { caller: { userId: 1, username: 'admin', role: 'sat-admin', orgId: null }, sessionKey: 'k', address: '127.0.0.1' };
    adminA = context(2, 'org-admin', orgA);
    adminB = context(3, 'org-admin', orgB);
  });
  afterEach(async () => h?.dispose());

  /** Runs a bunch now through the API and waits until its runs have ended; returns them. */
  async function runToEnd(call: CallContext, bunch: string) {
    const single = call === sat ? api['taskomatic.scheduleSingleSatBunchRun'] : api['taskomatic.org.scheduleSingleBunchRun'];
    const list = call === sat ? api['taskomatic.listBunchSatRuns'] : api['taskomatic.org.listBunchRuns'];
    await single(call, bunch, {});
    return eventually(async () => {
      await clock.advance(0);
      const runs = await list(call, bunch);
      return runs.length > 0 && runs.every((r) => r.end_time !== undefined) && runs;
    }, `runs of ${bunch} to end`);
  }

  describe('bunches', () => {
    it('lists satellite-level bunches to satellite admins and org-level ones to org admins, with their steps', async () => {
      const satBunches = await api['taskomatic.listSatBunches'](sat);
      const names = satBunches.map((b) => b.name);
      expect(names).toContain('session-cleanup-bunch');
      expect(names).not.toContain('repo-sync-bunch');
      expect(satBunches.find((b) => b.name === 'daily-status-bunch')).toEqual({
        name: 'daily-status-bunch',
        description: expect.any(String),
        templates: [
          { ordering: 0, task: 'summary-population' },
          { ordering: 1, task: 'daily-summary', start_if: 'FINISHED' },
        ],
      });
      const orgBunches = (await api['taskomatic.org.listBunches'](adminA)).map((b) => b.name);
      expect(orgBunches).toContain('repo-sync-bunch');
      expect(orgBunches).toContain('chatty-org-bunch');
      expect(orgBunches).not.toContain('session-cleanup-bunch');
    });

    it('looks a bunch up by name in either scope', async () => {
      expect(await api['taskomatic.lookupBunchByName'](sat, 'repo-sync-bunch')).toEqual({
        name: 'repo-sync-bunch',
        description: expect.stringContaining('channel'),
        templates: [{ ordering: 0, task: 'repo-sync' }],
      });
      expect((await api['taskomatic.lookupBunchByName'](sat, 'session-cleanup-bunch')).templates).toEqual([{ ordering: 0, task: 'session-cleanup' }]);
      await expect(api['taskomatic.lookupBunchByName'](sat, 'no-such-bunch')).rejects.toMatchObject(notFound(/no-such-bunch/));
    });
  });

  describe('scheduling with a cron', () => {
    it('schedules a satellite bunch without a window and returns its first fire time', async () => {
      const first = await api['taskomatic.scheduleSatBunch'](sat, 'session-cleanup-bunch', 'cleanup-half-hourly', '0 0/30 * * * ?', {});
      expect(first).toEqual(new Date('2027-01-04T10:30:00Z'));
      const [schedule] = await api['taskomatic.listActiveSatSchedules'](sat);
      expect(schedule).toEqual({
        id: expect.any(Number),
        job_label: 'cleanup-half-hourly',
        bunch: 'session-cleanup-bunch',
        cron_expr: '0 0/30 * * * ?',
        data_map: {},
        time_zone: h.server.settings().default_time_zone,
        next_fire_time: first,
        paused: false,
        version: expect.any(Number),
      });
      expect(await api['taskomatic.lookupScheduleById'](sat, schedule?.id ?? -1)).toEqual(schedule);
    });

    it('schedules a satellite bunch active from startTime till endTime', async () => {
      const from = new Date('2027-02-01T00:10:00Z');
      const till = new Date('2027-03-01T00:00:00Z');
      const first = await api['taskomatic.scheduleSatBunch'](sat, 'session-cleanup-bunch', 'cleanup-february', from, till, '0 0/30 * * * ?', {});
      expect(first).toEqual(new Date('2027-02-01T00:30:00Z'));
      const [schedule] = await api['taskomatic.listActiveSatSchedulesByBunch'](sat, 'session-cleanup-bunch');
      expect(schedule).toMatchObject({ job_label: 'cleanup-february', active_from: from, active_till: till, next_fire_time: first });
    });

    it('refuses a bunch of the other scope as not found, and lets bad values through to the gate', async () => {
      await expect(api['taskomatic.scheduleSatBunch'](sat, 'repo-sync-bunch', 'x', '0 0 * * * ?', { channel: 'c' })).rejects.toMatchObject(
        notFound(/no satellite bunch named repo-sync-bunch/),
      );
      await expect(api['taskomatic.org.scheduleBunch'](adminA, 'session-cleanup-bunch', 'x', '0 0 * * * ?', {})).rejects.toMatchObject(
        notFound(/no org bunch named session-cleanup-bunch/),
      );
      await expect(api['taskomatic.scheduleSatBunch'](sat, 'session-cleanup-bunch', 'bad', 'not a cron', {})).rejects.toMatchObject({ code: 'invalid-cron' });
      await api['taskomatic.scheduleSatBunch'](sat, 'session-cleanup-bunch', 'twice', '0 0 * * * ?', {});
      await expect(api['taskomatic.scheduleSatBunch'](sat, 'session-cleanup-bunch', 'twice', '0 0 * * * ?', {})).rejects.toBeInstanceOf(DomainError);
    });

    it("pins org schedules to the caller's org", async () => {
      const first = await api['taskomatic.org.scheduleBunch'](adminA, 'repo-sync-bunch', 'sync-updates', '0 0 2 * * ?', { channel: 'sles-updates' });
      expect(first).toBeInstanceOf(Date);
      const [mine] = await api['taskomatic.org.listActiveSchedules'](adminA);
      expect(mine).toMatchObject({ job_label: 'sync-updates', bunch: 'repo-sync-bunch', org_id: adminA.caller?.orgId, data_map: { channel: 'sles-updates' } });
      expect(await api['taskomatic.org.listActiveSchedules'](adminB)).toEqual([]);
      expect(await api['taskomatic.org.listAllSchedules'](adminB)).toEqual([]);
      expect(await api['taskomatic.listActiveSatSchedules'](sat)).toEqual([]);
      expect(await api['taskomatic.org.listActiveSchedulesByBunch'](adminA, 'repo-sync-bunch')).toEqual([mine]);
      expect(await api['taskomatic.org.listActiveSchedulesByBunch'](adminB, 'repo-sync-bunch')).toEqual([]);
      // Satellite admins see every schedule by id.
      expect(await api['taskomatic.lookupScheduleById'](sat, mine?.id ?? -1)).toEqual(mine);
      // The channel is required.
      await expect(api['taskomatic.org.scheduleBunch'](adminA, 'repo-sync-bunch', 'no-channel', '0 0 2 * * ?', {})).rejects.toMatchObject({
        code: 'invalid-parameter',
      });
    });

    it('refuses an unknown bunch or one of the other scope when listing by bunch', async () => {
      await expect(api['taskomatic.listActiveSatSchedulesByBunch'](sat, 'nope')).rejects.toMatchObject(notFound(/no satellite bunch named nope/));
      await expect(api['taskomatic.listActiveSatSchedulesByBunch'](sat, 'repo-sync-bunch')).rejects.toMatchObject(notFound());
      await expect(api['taskomatic.org.listActiveSchedulesByBunch'](adminA, 'session-cleanup-bunch')).rejects.toMatchObject(notFound());
    });

    it('looks up an unknown schedule as not found', async () => {
      await expect(api['taskomatic.lookupScheduleById'](sat, 999_999)).rejects.toMatchObject(notFound());
    });
  });

  describe('unscheduling', () => {
    it('ends the active schedule with the label; listAll keeps it, with active_till when it ended', async () => {
      await api['taskomatic.scheduleSatBunch'](sat, 'session-cleanup-bunch', 'to-end', '0 0 * * * ?', {});
      await clock.advance(60_000);
      expect(await api['taskomatic.unscheduleSatBunch'](sat, 'to-end')).toBe(1);
      expect(await api['taskomatic.listActiveSatSchedules'](sat)).toEqual([]);
      const all = await api['taskomatic.listAllSatSchedules'](sat);
      expect(all.find((s) => s.job_label === 'to-end')).toMatchObject({ active_till: new Date(T0 + 60_000) });
      expect(all.find((s) => s.job_label === 'to-end')?.next_fire_time).toBeUndefined();
      await expect(api['taskomatic.unscheduleSatBunch'](sat, 'to-end')).rejects.toMatchObject(notFound(/No such jobLabel/));
    });

    it('refuses an unknown label, and a label of another scope', async () => {
      await expect(api['taskomatic.unscheduleSatBunch'](sat, 'never-was')).rejects.toMatchObject(notFound(/No such jobLabel/));
      await api['taskomatic.org.scheduleBunch'](adminA, 'repo-sync-bunch', 'a-sync', '0 0 2 * * ?', { channel: 'c' });
      await expect(api['taskomatic.org.unscheduleBunch'](adminB, 'a-sync')).rejects.toMatchObject(notFound(/No such jobLabel/));
      await expect(api['taskomatic.unscheduleSatBunch'](sat, 'a-sync')).rejects.toMatchObject(notFound());
      expect(await api['taskomatic.org.unscheduleBunch'](adminA, 'a-sync')).toBe(1);
      expect(await api['taskomatic.org.listActiveSchedules'](adminA)).toEqual([]);
    });
  });

  describe('single runs', () => {
    it('makes one-time schedules single-<bunch>-<n> for a start in the future, counting ended ones', async () => {
      const start = new Date(T0 + 3_600_000);
      expect(await api['taskomatic.scheduleSingleSatBunchRun'](sat, 'chatty-bunch', {}, start)).toEqual(start);
      expect(await api['taskomatic.scheduleSingleSatBunchRun'](sat, 'chatty-bunch', {}, new Date(T0 + 7_200_000))).toEqual(new Date(T0 + 7_200_000));
      let labels = (await api['taskomatic.listActiveSatSchedules'](sat)).map((s) => s.job_label);
      expect(labels).toEqual(['single-chatty-bunch-0', 'single-chatty-bunch-1']);
      const [first] = await api['taskomatic.listActiveSatSchedules'](sat);
      expect(first).toMatchObject({ next_fire_time: start });
      expect(first?.cron_expr).toBeUndefined();
      await api['taskomatic.unscheduleSatBunch'](sat, 'single-chatty-bunch-0');
      await api['taskomatic.scheduleSingleSatBunchRun'](sat, 'chatty-bunch', {}, start);
      labels = (await api['taskomatic.listActiveSatSchedules'](sat)).map((s) => s.job_label);
      expect(labels).toEqual(['single-chatty-bunch-1', 'single-chatty-bunch-2']);
      // Each scope counts its own labels.
      await api['taskomatic.org.scheduleSingleBunchRun'](adminA, 'chatty-org-bunch', {}, start);
      expect((await api['taskomatic.org.listActiveSchedules'](adminA)).map((s) => s.job_label)).toEqual(['single-chatty-org-bunch-0']);
    });

    it('runs now without a start, or with a start that has passed', async () => {
      expect(await api['taskomatic.scheduleSingleSatBunchRun'](sat, 'chatty-bunch', {})).toEqual(new Date(T0));
      expect(await api['taskomatic.scheduleSingleSatBunchRun'](sat, 'chatty-bunch', {}, new Date(T0 - 1000))).toEqual(new Date(T0));
      expect((await api['taskomatic.listAllSatSchedules'](sat)).filter((s) => s.bunch === 'chatty-bunch')).toEqual([]);
      const runs = await eventually(async () => {
        await clock.advance(0);
        const r = await api['taskomatic.listBunchSatRuns'](sat, 'chatty-bunch');
        return r.length === 2 && r.every((x) => x.status === 'FINISHED') && r;
      }, 'both runs to finish');
      expect(runs.every((r) => r.schedule_id === undefined)).toBe(true);
    });

    it('refuses a bunch of the other scope and bad parameters', async () => {
      await expect(api['taskomatic.scheduleSingleSatBunchRun'](sat, 'chatty-org-bunch', {})).rejects.toMatchObject(notFound(/no satellite bunch/));
      await expect(api['taskomatic.org.scheduleSingleBunchRun'](adminA, 'repo-sync-bunch', { channel: 'c', nonsense: 'x' })).rejects.toThrow(/nonsense/);
    });
  });

  describe('runs', () => {
    it('lists the runs of a bunch with their Spacewalk fields, newest first', async () => {
      const [run] = await runToEnd(sat, 'chatty-bunch');
      expect(run).toEqual({
        id: expect.any(Number),
        task: 'chatty',
        start_time: new Date(T0),
        end_time: new Date(T0),
        status: 'FINISHED',
        stdOutputPath: true,
        stdErrorPath: true,
        bunch: 'chatty-bunch',
        bunch_run_id: expect.any(Number),
        due_time: new Date(T0),
        exit_code: 0,
      });
      await runToEnd(sat, 'chatty-bunch');
      const ids = (await api['taskomatic.listBunchSatRuns'](sat, 'chatty-bunch')).map((r) => r.id);
      expect(ids).toHaveLength(2);
      expect(ids[0]).toBeGreaterThan(ids[1] ?? Infinity);
      await expect(api['taskomatic.listBunchSatRuns'](sat, 'chatty-org-bunch')).rejects.toMatchObject(notFound());
    });

    it('lists the runs of a schedule, within the scope only', async () => {
      const start = new Date(T0 + 60_000);
      await api['taskomatic.scheduleSingleSatBunchRun'](sat, 'chatty-bunch', {}, start);
      await api['taskomatic.org.scheduleSingleBunchRun'](adminA, 'chatty-org-bunch', {}, start);
      const [satSchedule] = await api['taskomatic.listActiveSatSchedules'](sat);
      const [orgSchedule] = await api['taskomatic.org.listAllSchedules'](adminA);
      const satId = satSchedule?.id ?? -1;
      const orgId = orgSchedule?.id ?? -1;
      await clock.advanceTo(start.getTime());
      const satRuns = await eventually(async () => {
        await clock.advance(0);
        const r = await api['taskomatic.listScheduleSatRuns'](sat, satId);
        return r.length === 1 && r[0]?.status === 'FINISHED' && r;
      }, 'the one-time run');
      expect(satRuns[0]).toMatchObject({ schedule_id: satId, due_time: start, task: 'chatty' });
      const orgRuns = await eventually(async () => {
        const r = await api['taskomatic.org.listScheduleRuns'](adminA, orgId);
        return r.length === 1 && r[0]?.end_time !== undefined && r;
      }, 'the org run');
      expect(orgRuns[0]).toMatchObject({ schedule_id: orgId, bunch: 'chatty-org-bunch' });
      await expect(api['taskomatic.org.listScheduleRuns'](adminB, orgId)).rejects.toMatchObject(notFound(/schedule \d+ does not exist/));
      await expect(api['taskomatic.org.listScheduleRuns'](adminA, satId)).rejects.toMatchObject(notFound());
      await expect(api['taskomatic.listScheduleSatRuns'](sat, orgId)).rejects.toMatchObject(notFound());
      await expect(api['taskomatic.listScheduleSatRuns'](sat, 999_999)).rejects.toMatchObject(notFound());
      expect(await api['taskomatic.org.listBunchRuns'](adminB, 'chatty-org-bunch')).toEqual([]);
    });
  });

  describe('logs', () => {
    it('reads the tail of stdout and stderr: nBytes from the end, the whole log when negative', async () => {
      const [run] = await runToEnd(sat, 'chatty-bunch');
      const id = run?.id ?? -1;
      expect(await api['taskomatic.getSatRunStdOutputLog'](sat, id, -1)).toBe(STDOUT);
      expect(await api['taskomatic.getSatRunStdOutputLog'](sat, id, 1_000_000)).toBe(STDOUT);
      expect(await api['taskomatic.getSatRunStdOutputLog'](sat, id, 6)).toBe('über\n');
      // Five bytes start inside the two-byte ü: the cut character is left out, not shown as U+FFFD.
      expect(await api['taskomatic.getSatRunStdOutputLog'](sat, id, 5)).toBe('ber\n');
      expect(await api['taskomatic.getSatRunStdOutputLog'](sat, id, 0)).toBe('');
      expect(await api['taskomatic.getSatRunStdErrorLog'](sat, id, -5)).toBe(STDERR);
      expect(await api['taskomatic.getSatRunStdErrorLog'](sat, id, 8)).toBe('careful\n');
      await expect(api['taskomatic.getSatRunStdOutputLog'](sat, 999_999, -1)).rejects.toMatchObject(notFound(/run 999999 does not exist/));
    });

    it("keeps org logs to the org's admins", async () => {
      const [run] = await runToEnd(adminA, 'chatty-org-bunch');
      const id = run?.id ?? -1;
      expect(await api['taskomatic.org.getRunStdOutputLog'](adminA, id, -1)).toBe(STDOUT);
      expect(await api['taskomatic.org.getRunStdErrorLog'](adminA, id, 4)).toBe('ful\n');
      await expect(api['taskomatic.org.getRunStdOutputLog'](adminB, id, -1)).rejects.toMatchObject(notFound(/run \d+ does not exist/));
      await expect(api['taskomatic.org.getRunStdErrorLog'](adminB, id, -1)).rejects.toMatchObject(notFound());
      await expect(api['taskomatic.getSatRunStdOutputLog'](sat, id, -1)).rejects.toMatchObject(notFound());
      const [satRun] = await runToEnd(sat, 'chatty-bunch');
      await expect(api['taskomatic.org.getRunStdOutputLog'](adminA, satRun?.id ?? -1, -1)).rejects.toMatchObject(notFound());
    });
  });

  it('refuses an org admin who belongs to no org', async () => {
    const orphan = context(4, 'org-admin', null);
    await expect(api['taskomatic.org.listActiveSchedules'](orphan)).rejects.toMatchObject({ fault: 'PERMISSION_DENIED' });
  });
});
