import { CONTRACT, type FaultName, type ScheduleInfo } from '@taskomatic/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, ADMIN_PASSWORD, type ApiFixture, ORG_BUNCH, SAT_BUNCH, type Session, outcomeOf, poll, RpcFault, startApiFixture, waitForBunchRun } from './api-client.js';

/**
 * Every method called as (a) the satellite admin, (b) the org admin of the owning org (acme), (c) the org admin
 * of another org (globex), (d) without a session (a forged key, a garbage key, no key), with arguments pointing
 * at acme's objects where the method takes one. The outcomes are compared with the table below, written out
 * by hand: a change of the rules shows as a diff of a row.
 *
 * The rules: public methods work for everyone; `sat-admin` methods refuse org admins (PERMISSION_DENIED);
 * `org-admin` methods (taskomatic.org.*) refuse satellite admins (PERMISSION_DENIED); `any` methods scope to
 * the caller's org, so another org's object is NOT_FOUND (nothing tells it exists); no session or a forged
 * one is NOT_AUTHENTICATED, before anything else is looked at.
 *
 * The satellite family (taskomatic.*) works on satellite-level objects only, as Spacewalk's did: its rows
 * point at the satellite's schedule, bunch and run (an acme id there is "not found" for everyone, by design),
 * except lookupScheduleById, which finds any schedule.
 */

type Outcome = 'ok' | FaultName;
type Row = readonly [sat: Outcome, acme: Outcome, globex: Outcome, noSession: Outcome];

const OK = 'ok';
const DENIED = 'PERMISSION_DENIED';
const NOT_FOUND = 'NOT_FOUND';
const ANON = 'NOT_AUTHENTICATED';

/** Public: everyone. */
const PUBLIC: Row = [OK, OK, OK, OK];
/** Any logged-in user, nothing of one org involved (or a list, scoped to the caller). */
const ANYONE: Row = [OK, OK, OK, ANON];
/** Any logged-in user, on an object of acme: globex does not see it. */
const ACME_OBJECT: Row = [OK, OK, NOT_FOUND, ANON];
/** Satellite admins only. */
const SAT_ADMIN: Row = [OK, DENIED, DENIED, ANON];
/** Org admins only (taskomatic.org.*), on their own org. */
const ORG_ADMIN: Row = [DENIED, OK, OK, ANON];
/** Org admins only, on an object of acme. */
const ORG_ADMIN_ACME_OBJECT: Row = [DENIED, OK, NOT_FOUND, ANON];

/** The expected outcomes, one row per method of the contract: [satellite admin, acme admin, globex admin, no session]. */
const EXPECTED: Readonly<Record<string, Row>> = {
  'auth.login': PUBLIC,
  'auth.logout': ANYONE,
  'auth.whoami': ANYONE,
  'system.listMethods': PUBLIC,
  'system.methodHelp': PUBLIC,
  'system.methodSignature': PUBLIC,
  'system.multicall': PUBLIC,

  'taskomatic.listSatBunches': SAT_ADMIN,
  'taskomatic.listActiveSatSchedules': SAT_ADMIN,
  'taskomatic.listAllSatSchedules': SAT_ADMIN,
  'taskomatic.listActiveSatSchedulesByBunch': SAT_ADMIN,
  'taskomatic.scheduleSatBunch': SAT_ADMIN,
  'taskomatic.scheduleSingleSatBunchRun': SAT_ADMIN,
  'taskomatic.unscheduleSatBunch': SAT_ADMIN,
  'taskomatic.listScheduleSatRuns': SAT_ADMIN,
  'taskomatic.listBunchSatRuns': SAT_ADMIN,
  'taskomatic.getSatRunStdOutputLog': SAT_ADMIN,
  'taskomatic.getSatRunStdErrorLog': SAT_ADMIN,
  'taskomatic.lookupBunchByName': SAT_ADMIN,
  'taskomatic.lookupScheduleById': SAT_ADMIN,

  'taskomatic.org.listBunches': ORG_ADMIN,
  'taskomatic.org.listActiveSchedules': ORG_ADMIN,
  'taskomatic.org.listAllSchedules': ORG_ADMIN,
  'taskomatic.org.listActiveSchedulesByBunch': ORG_ADMIN,
  'taskomatic.org.scheduleBunch': ORG_ADMIN,
  'taskomatic.org.scheduleSingleBunchRun': ORG_ADMIN,
  'taskomatic.org.unscheduleBunch': ORG_ADMIN_ACME_OBJECT,
  'taskomatic.org.listScheduleRuns': ORG_ADMIN_ACME_OBJECT,
  'taskomatic.org.listBunchRuns': ORG_ADMIN,
  'taskomatic.org.getRunStdOutputLog': ORG_ADMIN_ACME_OBJECT,
  'taskomatic.org.getRunStdErrorLog': ORG_ADMIN_ACME_OBJECT,

  'schedules.list': ANYONE,
  'schedules.get': ACME_OBJECT,
  // Creating in acme (orgId given): globex is refused outright, whatever the org id (nothing leaks).
  'schedules.create': [OK, OK, DENIED, ANON],
  'schedules.update': ACME_OBJECT,
  'schedules.pause': ACME_OBJECT,
  'schedules.resume': ACME_OBJECT,
  'schedules.delete': ACME_OBJECT,
  'schedules.runNow': ACME_OBJECT,
  'schedules.skipOccurrence': ACME_OBJECT,
  'schedules.moveOccurrence': ACME_OBJECT,
  'schedules.restoreOccurrence': ACME_OBJECT,
  'schedules.split': ACME_OBJECT,
  'schedules.undoSplit': ACME_OBJECT,
  'cron.preview': ANYONE,

  'runs.list': ANYONE,
  'runs.get': ACME_OBJECT,
  'runs.cancel': ACME_OBJECT,
  'logs.read': ACME_OBJECT,
  'logs.tail': ACME_OBJECT,
  'logs.search': ACME_OBJECT,
  'calendar.range': ANYONE,

  'bunches.list': ANYONE,
  'bunches.create': SAT_ADMIN,
  'bunches.update': SAT_ADMIN,
  'tasks.list': ANYONE,

  'orgs.list': ANYONE,
  'orgs.create': SAT_ADMIN,
  'orgs.rename': SAT_ADMIN,
  'users.list': SAT_ADMIN,
  'users.create': SAT_ADMIN,
  'users.update': SAT_ADMIN,
  'users.delete': SAT_ADMIN,
  'users.setPreferences': ANYONE,

  'settings.get': ANYONE,
  'settings.update': SAT_ADMIN,
  'audit.list': SAT_ADMIN,
  'changes.since': ANYONE,
};

let fx: ApiFixture;
let counter = 0;
const fresh = (prefix: string) => `${prefix}-${++counter}`;
const DAY = 24 * 3_600_000;

beforeAll(async () => {
  fx = await startApiFixture({ withRuns: true });
});
afterAll(async () => {
  await fx?.stop();
});

/** A fresh cron schedule of acme (so that each caller changes its own, at its version). */
function acmeSchedule(cron = '0 0 2 * * ?'): Promise<ScheduleInfo> {
  return fx.acme.session.call<ScheduleInfo>('schedules.create', { label: fresh('owned-m'), bunch: ORG_BUNCH, cron, timeZone: 'UTC' });
}

async function fires(cron: string, count: number): Promise<Date[]> {
  return (await fx.admin.call('cron.preview', { expression: cron, timeZone: 'UTC', count })).next;
}

const future = () => new Date(Math.ceil((Date.now() + 3 * DAY) / 1000) * 1000);

/** The arguments (after the session key) of each method, made fresh for each call. */
const ARGS: Readonly<Record<string, () => Promise<unknown[]>>> = {
  'auth.login': async () => [ADMIN, ADMIN_PASSWORD],
  'auth.logout': async () => [],
  'auth.whoami': async () => [],
  'system.listMethods': async () => [],
  'system.methodHelp': async () => ['schedules.get'],
  'system.methodSignature': async () => ['schedules.get'],
  'system.multicall': async () => [[{ methodName: 'system.listMethods', params: [] }]],

  'taskomatic.listSatBunches': async () => [],
  'taskomatic.listActiveSatSchedules': async () => [],
  'taskomatic.listAllSatSchedules': async () => [],
  'taskomatic.listActiveSatSchedulesByBunch': async () => [SAT_BUNCH],
  'taskomatic.scheduleSatBunch': async () => [SAT_BUNCH, fresh('sat-m'), '0 0 1 * * ?', {}],
  'taskomatic.scheduleSingleSatBunchRun': async () => [SAT_BUNCH, {}, future()],
  'taskomatic.unscheduleSatBunch': async () => {
    const label = fresh('sat-m');
    await fx.admin.call('schedules.create', { label, bunch: SAT_BUNCH, cron: '0 0 1 * * ?', timeZone: 'UTC' });
    return [label];
  },
  'taskomatic.listScheduleSatRuns': async () => [fx.satSchedule.id],
  'taskomatic.listBunchSatRuns': async () => [SAT_BUNCH],
  'taskomatic.getSatRunStdOutputLog': async () => [fx.runs.sat?.taskRunId, -1],
  'taskomatic.getSatRunStdErrorLog': async () => [fx.runs.sat?.taskRunId, 100],
  'taskomatic.lookupBunchByName': async () => [ORG_BUNCH],
  'taskomatic.lookupScheduleById': async () => [fx.acme.schedule.id],

  'taskomatic.org.listBunches': async () => [],
  'taskomatic.org.listActiveSchedules': async () => [],
  'taskomatic.org.listAllSchedules': async () => [],
  'taskomatic.org.listActiveSchedulesByBunch': async () => [ORG_BUNCH],
  'taskomatic.org.scheduleBunch': async () => [ORG_BUNCH, fresh('org-m'), '0 0 1 * * ?', {}],
  'taskomatic.org.scheduleSingleBunchRun': async () => [ORG_BUNCH, {}, future()],
  'taskomatic.org.unscheduleBunch': async () => [(await acmeSchedule()).label],
  'taskomatic.org.listScheduleRuns': async () => [fx.acme.schedule.id],
  'taskomatic.org.listBunchRuns': async () => [ORG_BUNCH],
  'taskomatic.org.getRunStdOutputLog': async () => [fx.runs.acme?.taskRunId, -1],
  'taskomatic.org.getRunStdErrorLog': async () => [fx.runs.acme?.taskRunId, -1],

  'schedules.list': async () => [{ orgId: fx.acme.id }],
  'schedules.get': async () => [{ id: fx.acme.schedule.id }],
  'schedules.create': async () => [{ label: fresh('owned-c'), bunch: ORG_BUNCH, orgId: fx.acme.id, cron: '0 0 3 * * ?', timeZone: 'UTC' }],
  'schedules.update': async () => {
    const s = await acmeSchedule();
    return [{ id: s.id, version: s.version, cron: '0 0 4 * * ?' }];
  },
  'schedules.pause': async () => {
    const s = await acmeSchedule();
    return [{ id: s.id, version: s.version, reason: 'matrix' }];
  },
  'schedules.resume': async () => {
    const s = await acmeSchedule();
    const paused = await fx.acme.session.call<ScheduleInfo>('schedules.pause', { id: s.id, version: s.version, reason: 'matrix' });
    return [{ id: s.id, version: paused.version }];
  },
  'schedules.delete': async () => [{ id: (await acmeSchedule()).id }],
  'schedules.runNow': async () => [{ id: fx.acme.schedule.id }],
  'schedules.skipOccurrence': async () => {
    const s = await acmeSchedule('0 0 5 * * ?');
    return [{ id: s.id, version: s.version, occurrence: (await fires('0 0 5 * * ?', 1))[0] }];
  },
  'schedules.moveOccurrence': async () => {
    const s = await acmeSchedule('0 0 5 * * ?');
    const [first] = await fires('0 0 5 * * ?', 1);
    return [{ id: s.id, version: s.version, occurrence: first, to: new Date((first as Date).getTime() + 600_000) }];
  },
  'schedules.restoreOccurrence': async () => {
    const s = await acmeSchedule('0 0 5 * * ?');
    const [first] = await fires('0 0 5 * * ?', 1);
    const skipped = await fx.acme.session.call<ScheduleInfo>('schedules.skipOccurrence', { id: s.id, version: s.version, occurrence: first });
    return [{ id: s.id, version: skipped.version, occurrence: first }];
  },
  'schedules.split': async () => {
    const s = await acmeSchedule('0 0 5 * * ?');
    return [{ id: s.id, version: s.version, from: (await fires('0 0 5 * * ?', 3))[2], cron: '0 0 6 * * ?', label: fresh('owned-split') }];
  },
  'schedules.undoSplit': async () => {
    const s = await acmeSchedule('0 0 5 * * ?');
    const split = await fx.acme.session.call<{ ended: ScheduleInfo; created: ScheduleInfo }>('schedules.split', { id: s.id, version: s.version, from: (await fires('0 0 5 * * ?', 3))[2], cron: '0 0 6 * * ?', label: fresh('owned-unsplit') });
    return [{ id: s.id, version: split.ended.version, continuedBy: split.created.id, continuedByVersion: split.created.version }];
  },
  'cron.preview': async () => [{ expression: '0 0 12 * * ?' }],

  'runs.list': async () => [{ orgId: fx.acme.id }],
  'runs.get': async () => [{ bunchRunId: fx.runs.acme?.bunchRunId }],
  'runs.cancel': async () => [{ bunchRunId: fx.runs.acme?.bunchRunId }],
  'logs.read': async () => [{ runId: fx.runs.acme?.taskRunId, offset: 0 }],
  'logs.tail': async () => [{ runId: fx.runs.acme?.taskRunId }],
  'logs.search': async () => [{ runId: fx.runs.acme?.taskRunId, query: 'echo' }],
  'calendar.range': async () => [{ from: new Date(Date.now() - DAY), to: new Date(Date.now() + DAY), orgId: fx.acme.id }],

  'bunches.list': async () => [],
  'bunches.create': async () => [{ name: fresh('matrix-bunch'), description: 'matrix', orgBunch: true, steps: [{ task: 'noop' }] }],
  'bunches.update': async () => [{ name: ORG_BUNCH, description: 'org-level test bunch' }],
  'tasks.list': async () => [],

  'orgs.list': async () => [],
  'orgs.create': async () => [{ name: fresh('matrix-org') }],
  // Renamed to its own name: allowed, and changes nothing.
  'orgs.rename': async () => [{ id: fx.acme.id, name: 'acme' }],
  'users.list': async () => [],
  'users.create': async () => [{ username: fresh('matrix-user'), password: 'matrix-password-1', role: 'org-admin', orgId: fx.acme.id }],
  'users.update': async () => [{ id: (await throwawayUser()).id, disabled: true }],
  'users.delete': async () => [{ id: (await throwawayUser()).id }],
  'users.setPreferences': async () => [{ showSatelliteSchedules: false }],

  'settings.get': async () => [],
  'settings.update': async () => [{ retentionDays: (await fx.admin.call('settings.get')).retentionDays }],
  'audit.list': async () => [{ limit: 1 }],
  'changes.since': async () => [{}],
};

async function throwawayUser(): Promise<{ id: number }> {
  return fx.admin.call('users.create', { username: fresh('acme-temp'), password: 'temporary-password', role: 'org-admin', orgId: fx.acme.id });
}

/** The session a caller uses for `method`: its own, or a fresh one for auth.logout (which ends it). */
async function sessionFor(method: string, who: 'sat' | 'acme' | 'globex'): Promise<Session> {
  if (method !== 'auth.logout') return who === 'sat' ? fx.admin : who === 'acme' ? fx.acme.session : fx.globex.session;
  if (who === 'sat') return fx.login(ADMIN, ADMIN_PASSWORD);
  const org = who === 'acme' ? fx.acme : fx.globex;
  return fx.login(org.adminUsername, org.adminPassword);
}

/** What globex's admin was told when refused, to check that nothing of acme shows in it. */
const globexMessages: string[] = [];

async function outcomesOf(method: string): Promise<Row> {
  const args = ARGS[method];
  if (!args) throw new Error(`permission-matrix.test.ts has no arguments for ${method}: add them to ARGS`);
  const isPublic = CONTRACT[method as keyof typeof CONTRACT].role === 'public';
  const as = async (who: 'sat' | 'acme' | 'globex'): Promise<Outcome> => {
    const params = await args();
    const call = isPublic ? fx.client.call(method, ...params) : (await sessionFor(method, who)).call(method, ...params);
    if (who === 'globex') call.catch((error: unknown) => error instanceof RpcFault && globexMessages.push(error.faultString));
    return (await outcomeOf(call)) as Outcome;
  };
  const sat = await as('sat');
  const acme = await as('acme');
  const globex = await as('globex');
  let anonymous: Outcome;
  if (isPublic) {
    anonymous = (await outcomeOf(fx.client.call(method, ...(await args())))) as Outcome;
  } else {
    // A well-formed key nobody was given, a garbage key, and no key at all: the same answer for each.
    const forged = 'A'.repeat(43);
    const seen = new Set<string>();
    for (const key of [forged, 'garbage', '']) seen.add(await outcomeOf(fx.client.call(method, key, ...(await args()))));
    seen.add(await outcomeOf(fx.client.call(method, ...(await args()))));
    anonymous = (seen.size === 1 ? [...seen][0] : `mixed: ${[...seen].join(' / ')}`) as Outcome;
  }
  return [sat, acme, globex, anonymous];
}

describe('permission matrix: every method as satellite admin, owning org admin, other org admin, and without a session', () => {
  it('has one row for each method of the contract, and arguments for each', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(CONTRACT).sort());
    expect(Object.keys(ARGS).sort()).toEqual(Object.keys(CONTRACT).sort());
  });

  it('follows the rules of the contract roles (the table is consistent with the roles it declares)', () => {
    for (const [method, spec] of Object.entries(CONTRACT)) {
      const row = EXPECTED[method];
      if (spec.role === 'public') expect([method, row]).toEqual([method, PUBLIC]);
      if (spec.role === 'sat-admin') expect([method, row]).toEqual([method, SAT_ADMIN]);
      if (spec.role === 'org-admin') expect([method, row?.[0]]).toEqual([method, DENIED]);
      if (spec.role !== 'public') expect([method, row?.[3]]).toEqual([method, ANON]);
    }
  });

  for (const method of Object.keys(CONTRACT)) {
    it(method, async () => {
      const actual = await outcomesOf(method);
      expect({ method, 'sat-admin': actual[0], 'acme admin': actual[1], 'globex admin': actual[2], 'no session': actual[3] }).toEqual({
        method,
        'sat-admin': EXPECTED[method]?.[0],
        'acme admin': EXPECTED[method]?.[1],
        'globex admin': EXPECTED[method]?.[2],
        'no session': EXPECTED[method]?.[3],
      });
    });
  }

  it("tells globex nothing of acme in its refusals", () => {
    expect(globexMessages.length).toBeGreaterThan(10);
    expect(globexMessages.filter((m) => /acme/i.test(m))).toEqual([]);
  });
});

/** Every place in a value where acme shows: its name, its org id, its schedules' or runs' ids. */
function acmeTraces(value: unknown): string[] {
  const traces: string[] = [];
  const walk = (v: unknown, path: string): void => {
    if (typeof v === 'string') {
      if (/acme/i.test(v)) traces.push(`${path} = ${v}`);
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => walk(item, `${path}[${i}]`));
    } else if (v !== null && typeof v === 'object' && !(v instanceof Date) && !(v instanceof Uint8Array)) {
      for (const [k, member] of Object.entries(v)) {
        if ((k === 'orgId' || k === 'org_id') && member === fx.acme.id) traces.push(`${path}.${k} = acme's id`);
        if ((k === 'scheduleId' || k === 'schedule_id') && (member === fx.acme.schedule.id)) traces.push(`${path}.${k} = an acme schedule`);
        if ((k === 'bunchRunId' || k === 'bunch_run_id') && member === fx.runs.acme?.bunchRunId) traces.push(`${path}.${k} = acme's run`);
        walk(member, `${path}.${k}`);
      }
    }
  };
  walk(value, 'answer');
  return traces;
}

describe('nothing of acme reaches globex through lists', () => {
  const range = () => ({ from: new Date(Date.now() - DAY), to: new Date(Date.now() + 7 * DAY) });

  it('acme does see its own things in every list checked below (the check is not vacuous)', async () => {
    const acme = fx.acme.session;
    expect(acmeTraces(await acme.call('schedules.list', {})).length).toBeGreaterThan(0);
    expect(acmeTraces(await acme.call('runs.list', {})).length).toBeGreaterThan(0);
    expect(acmeTraces(await acme.call('orgs.list')).length).toBeGreaterThan(0);
    expect(acmeTraces(await acme.call('calendar.range', range())).length).toBeGreaterThan(0);
    expect(acmeTraces(await acme.call('taskomatic.org.listAllSchedules')).length).toBeGreaterThan(0);
    expect(acmeTraces(await acme.call('taskomatic.org.listBunchRuns', ORG_BUNCH)).length).toBeGreaterThan(0);
  });

  it('schedules.list, whatever the filter', async () => {
    const globex = fx.globex.session;
    for (const filter of [{}, { orgId: fx.acme.id }, { includeEnded: true }, { bunch: ORG_BUNCH }, { includeSatelliteOverview: true }]) {
      const schedules = await globex.call<ScheduleInfo[]>('schedules.list', filter);
      expect(acmeTraces(schedules), JSON.stringify(filter)).toEqual([]);
      expect(schedules.map((s) => s.label), JSON.stringify(filter)).toContain('globex-daily');
      // Satellite-level schedules are not shown to org admins unless the satellite allows it and they asked.
      expect(schedules.filter((s) => s.orgId === undefined)).toEqual([]);
    }
  });

  it('runs.list, whatever the filter', async () => {
    const globex = fx.globex.session;
    for (const filter of [{}, { orgId: fx.acme.id }, { scheduleId: fx.acme.schedule.id }, { bunch: ORG_BUNCH }, { satelliteOnly: true }]) {
      const page = await globex.call('runs.list', filter);
      expect(acmeTraces(page), JSON.stringify(filter)).toEqual([]);
      expect(page.runs.every((r: { orgId?: number }) => r.orgId === fx.globex.id), JSON.stringify(filter)).toBe(true);
    }
  });

  it('orgs.list shows globex only; bunches.list only org bunches; tasks.list no satellite-only task', async () => {
    expect(await fx.globex.session.call('orgs.list')).toEqual([{ id: fx.globex.id, name: 'globex', createdAt: expect.any(Date) }]);
    const bunches = await fx.globex.session.call<Array<{ name: string; orgBunch: boolean }>>('bunches.list');
    expect(bunches.filter((b) => !b.orgBunch)).toEqual([]);
    expect(bunches.map((b) => b.name)).not.toContain(SAT_BUNCH);
    const tasks = await fx.globex.session.call<Array<{ scope: string }>>('tasks.list');
    expect(tasks.filter((t) => t.scope === 'satellite')).toEqual([]);
  });

  it('calendar.range, also when asking for acme', async () => {
    for (const extra of [{}, { orgId: fx.acme.id }]) {
      const calendar = await fx.globex.session.call('calendar.range', { ...range(), ...extra });
      expect(acmeTraces(calendar)).toEqual([]);
      expect(JSON.stringify(calendar)).toContain('globex-daily');
      expect(JSON.stringify(calendar)).not.toContain('sat-daily');
    }
  });

  it('the taskomatic.org.* lists', async () => {
    const globex = fx.globex.session;
    for (const [method, ...args] of [
      ['taskomatic.org.listActiveSchedules'],
      ['taskomatic.org.listAllSchedules'],
      ['taskomatic.org.listActiveSchedulesByBunch', ORG_BUNCH],
      ['taskomatic.org.listBunchRuns', ORG_BUNCH],
      ['taskomatic.org.listBunches'],
    ] as const) {
      const answer = await globex.call(method, ...args);
      expect(acmeTraces(answer), method).toEqual([]);
    }
    expect((await globex.call<any[]>('taskomatic.org.listAllSchedules')).map((s) => s.job_label)).toContain('globex-daily');
  });

  it('changes.since: acme changes reach acme and the satellite admin, never globex', async () => {
    const cursors = {
      acme: (await fx.acme.session.call('changes.since', {})).cursor as string,
      globex: (await fx.globex.session.call('changes.since', {})).cursor as string,
      admin: (await fx.admin.call('changes.since', {})).cursor as string,
    };
    // Acme's admin changes a schedule and runs it; the satellite admin adds a user to acme and renames it.
    const schedule = await acmeSchedule();
    await fx.acme.session.call('schedules.pause', { id: schedule.id, version: schedule.version, reason: 'feed' });
    const { bunchRunId } = await fx.acme.session.call('schedules.runNow', { id: fx.acme.schedule.id });
    await waitForBunchRun(fx.acme.session, bunchRunId);
    const user = await fx.admin.call('users.create', { username: fresh('acme-feed-user'), password: 'feed-password-12', role: 'org-admin', orgId: fx.acme.id });
    await fx.admin.call('orgs.rename', { id: fx.acme.id, name: 'acme-renamed' });
    await fx.admin.call('orgs.rename', { id: fx.acme.id, name: 'acme' });

    const seen = async (session: Session, cursor: string) => {
      const changes: Array<{ kind: string; id: number; orgId?: number }> = [];
      let next = cursor;
      // Follow the cursor until the run's end has arrived (run events are published as they commit).
      await poll(async () => {
        const answer = await session.call('changes.since', { cursor: next });
        next = answer.cursor;
        changes.push(...answer.changes);
        return changes.some((c) => c.kind === 'run' && c.id === bunchRunId) || session === fx.globex.session;
      }, 'the run to show in the feed');
      return changes;
    };
    const acmeSaw = await seen(fx.acme.session, cursors.acme);
    expect(acmeSaw).toContainEqual(expect.objectContaining({ kind: 'schedule', id: schedule.id, orgId: fx.acme.id }));
    expect(acmeSaw).toContainEqual(expect.objectContaining({ kind: 'user', id: user.id }));
    const adminSaw = await seen(fx.admin, cursors.admin);
    expect(adminSaw).toContainEqual(expect.objectContaining({ kind: 'schedule', id: schedule.id }));
    const globexSaw = await seen(fx.globex.session, cursors.globex);
    expect(globexSaw.filter((c) => c.orgId === fx.acme.id)).toEqual([]);
    expect(globexSaw.filter((c) => c.kind !== 'settings')).toEqual([]);
  });

  it('the rough list of satellite-level schedules: only when the satellite allows it and the org admin turned it on; locked, without parameters; still not readable or changeable', async () => {
    const secret = await fx.admin.call<ScheduleInfo>('schedules.create', { label: 'sat-with-params', bunch: SAT_BUNCH, cron: '0 0 1 * * ?', timeZone: 'UTC', params: { message: 'top secret' } });
    const globex = fx.globex.session;
    // Not allowed by the satellite: turning it on is refused, and asking for it gives nothing.
    expect(await outcomeOf(globex.call('users.setPreferences', { showSatelliteSchedules: true }))).toBe('PERMISSION_DENIED');
    expect((await globex.call<ScheduleInfo[]>('schedules.list', { includeSatelliteOverview: true })).filter((s) => s.orgId === undefined)).toEqual([]);

    await fx.admin.call('settings.update', { orgAdminsMaySeeSatelliteSchedules: true });
    try {
      // Allowed, but not turned on yet.
      expect((await globex.call<ScheduleInfo[]>('schedules.list', { includeSatelliteOverview: true })).filter((s) => s.orgId === undefined)).toEqual([]);
      expect(await globex.call('users.setPreferences', { showSatelliteSchedules: true })).toBe(1);
      expect(await globex.call('auth.whoami')).toMatchObject({ showSatelliteSchedules: true });
      const overview = (await globex.call<ScheduleInfo[]>('schedules.list', { includeSatelliteOverview: true })).filter((s) => s.orgId === undefined);
      const entry = overview.find((s) => s.id === secret.id);
      expect(entry).toMatchObject({ label: 'sat-with-params', bunch: SAT_BUNCH, locked: true, params: {} });
      expect(entry?.nextFireTime).toBeInstanceOf(Date);
      expect(JSON.stringify(overview)).not.toContain('top secret');
      expect(acmeTraces(overview)).toEqual([]);
      // Seen, but neither readable in full nor changeable.
      expect(await outcomeOf(globex.call('schedules.get', { id: secret.id }))).toBe('NOT_FOUND');
      expect(await outcomeOf(globex.call('schedules.pause', { id: secret.id, version: secret.version, reason: 'mine now' }))).toBe('NOT_FOUND');
      expect(await outcomeOf(globex.call('schedules.runNow', { id: secret.id }))).toBe('NOT_FOUND');
    } finally {
      await globex.call('users.setPreferences', { showSatelliteSchedules: false });
      await fx.admin.call('settings.update', { orgAdminsMaySeeSatelliteSchedules: false });
    }
  });
});
