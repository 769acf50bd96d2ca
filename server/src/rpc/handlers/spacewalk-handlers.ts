import { ApiFault, type ArgsOf, type SPACEWALK_ORG, type SPACEWALK_SAT } from '@taskomatic/shared';
import { getRun, listRuns, type RunView } from '../../db/repos/runs-repo.js';
import { getSchedule, listSchedules, type ScheduleView } from '../../db/repos/schedules-repo.js';
import type { BunchDefinition } from '../../engine/bunch-cache.js';
import { type LogSlice, LogNotFoundError, tailLog } from '../../logs/log-reader.js';
import { DomainError } from '../../services/domain-error.js';
import type { CallContext } from '../gate.js';
import type { ApiDeps } from './api-deps.js';
import type { HandlerGroup } from './handler.js';
import { callerOf } from './scope.js';
import { readSpacewalkBunches, toSpacewalkRun, toSpacewalkSchedule } from './spacewalk-structs.js';

/** The Spacewalk family: `taskomatic.*` (satellite admins) and `taskomatic.org.*` (org admins). */
export type SpacewalkMethod = keyof typeof SPACEWALK_SAT | keyof typeof SPACEWALK_ORG;

/**
 * Runs listed by `list*ScheduleRuns` and `list*BunchRuns`, newest first. Spacewalk listed every run; the
 * contract's arrays hold at most 10,000 items, so older runs are left out (runs.list pages through them all).
 */
const RUN_LIST_LIMIT = 10_000;

/**
 * Longest log answer of `get*RunStd*Log`, in bytes (16 MiB): asking for more, or for the whole log (negative
 * nBytes), gives its last 16 MiB; logs.read reads the rest by offset.
 */
const LOG_ANSWER_CAP = 16 * 1024 * 1024;

/** Tries at picking a free `single-<bunch>-<n>` label when concurrent calls race for the same one. */
const SINGLE_LABEL_TRIES = 5;

/** Whose work a family works on: the satellite's (orgId null) or the caller's org. */
interface Scope {
  readonly orgId: number | null;
}

const SATELLITE: Scope = Object.freeze({ orgId: null });

/** The caller's org: an org admin's methods are pinned to it, never to a parameter. */
function callerOrg(call: CallContext): Scope {
  const caller = callerOf(call);
  if (caller.orgId === null) throw new ApiFault('PERMISSION_DENIED', `User ${caller.username} belongs to no org`);
  return { orgId: caller.orgId };
}

/**
 * Spacewalk's Taskomatic API (TaskoXmlRpcHandler), with its semantics: the satellite methods work on
 * satellite-level bunches, schedules, runs and logs only (a satellite admin reads an org's through the struct
 * namespaces), the org methods on the caller's org. Something of the other scope is reported as not found,
 * as Spacewalk looked everything up by scope.
 */
export function spacewalkHandlers(deps: ApiDeps): HandlerGroup<SpacewalkMethod> {
  const sat = family(deps, () => SATELLITE);
  const org = family(deps, callerOrg);
  return {
    'taskomatic.listSatBunches': sat.listBunches,
    'taskomatic.listActiveSatSchedules': sat.listActiveSchedules,
    'taskomatic.listAllSatSchedules': sat.listAllSchedules,
    'taskomatic.listActiveSatSchedulesByBunch': sat.listActiveSchedulesByBunch,
    'taskomatic.scheduleSatBunch': sat.scheduleBunch,
    'taskomatic.scheduleSingleSatBunchRun': sat.scheduleSingleBunchRun,
    'taskomatic.unscheduleSatBunch': sat.unscheduleBunch,
    'taskomatic.listScheduleSatRuns': sat.listScheduleRuns,
    'taskomatic.listBunchSatRuns': sat.listBunchRuns,
    'taskomatic.getSatRunStdOutputLog': (call, runId, nBytes) => sat.readLog(call, runId, 'stdout', nBytes),
    'taskomatic.getSatRunStdErrorLog': (call, runId, nBytes) => sat.readLog(call, runId, 'stderr', nBytes),
    // Either scope, as Spacewalk's lookup by name: bunch names are unique on the satellite.
    'taskomatic.lookupBunchByName': async (_call, bunchName) => {
      const [bunch] = await readSpacewalkBunches(deps.db, { name: bunchName });
      if (!bunch) throw new ApiFault('NOT_FOUND', `No bunch named ${bunchName}`);
      return bunch;
    },
    // Any schedule, of the satellite or of an org: a satellite admin sees everything.
    'taskomatic.lookupScheduleById': async (_call, scheduleId) => {
      const view = await getSchedule(deps.db, scheduleId);
      if (!view) throw new ApiFault('NOT_FOUND', `Schedule ${scheduleId} does not exist`);
      return toSpacewalkSchedule(view);
    },
    'taskomatic.org.listBunches': org.listBunches,
    'taskomatic.org.listActiveSchedules': org.listActiveSchedules,
    'taskomatic.org.listAllSchedules': org.listAllSchedules,
    'taskomatic.org.listActiveSchedulesByBunch': org.listActiveSchedulesByBunch,
    'taskomatic.org.scheduleBunch': org.scheduleBunch,
    'taskomatic.org.scheduleSingleBunchRun': org.scheduleSingleBunchRun,
    'taskomatic.org.unscheduleBunch': org.unscheduleBunch,
    'taskomatic.org.listScheduleRuns': org.listScheduleRuns,
    'taskomatic.org.listBunchRuns': org.listBunchRuns,
    'taskomatic.org.getRunStdOutputLog': (call, runId, nBytes) => org.readLog(call, runId, 'stdout', nBytes),
    'taskomatic.org.getRunStdErrorLog': (call, runId, nBytes) => org.readLog(call, runId, 'stderr', nBytes),
  };
}

/** The handlers of one family, on the scope `scopeOf` gives for a call. */
function family(deps: ApiDeps, scopeOf: (call: CallContext) => Scope) {
  const { db } = deps;
  const lookup = scopedLookups(deps);
  return {
    listBunches: async (call: CallContext) => readSpacewalkBunches(db, { orgBunch: scopeOf(call).orgId !== null }),

    listActiveSchedules: async (call: CallContext) =>
      (await listSchedules(db, { activeOnly: true, orgId: scopeOf(call).orgId })).map(toSpacewalkSchedule),

    listAllSchedules: async (call: CallContext) =>
      (await listSchedules(db, { activeOnly: false, orgId: scopeOf(call).orgId })).map(toSpacewalkSchedule),

    listActiveSchedulesByBunch: async (call: CallContext, bunchName: string) => {
      const scope = scopeOf(call);
      const bunch = lookup.bunch(scope, bunchName);
      return (await listSchedules(db, { activeOnly: true, orgId: scope.orgId, bunch: bunch.name })).map(toSpacewalkSchedule);
    },

    /** With a cron, in the satellite's default time zone; returns the first fire time. */
    scheduleBunch: async (call: CallContext, ...args: ArgsOf<'taskomatic.scheduleSatBunch'>) => {
      const [bunchName, jobLabel, startTime, endTime, cron, params] = args.length === 6 ? args : [args[0], args[1], undefined, undefined, args[2], args[3]];
      const scope = scopeOf(call);
      const bunch = lookup.bunch(scope, bunchName);
      const view = await deps.schedules.create(
        { label: jobLabel, bunch: bunch.name, orgId: scope.orgId, cron, activeFrom: startTime?.getTime(), activeTill: endTime?.getTime(), params },
        callerOf(call).username,
      );
      return firstFire(view);
    },

    /**
     * Spacewalk made a one-time schedule `single-<bunch>-<n>` (the first `n` no schedule of the scope has used,
     * ended ones included); so does this one for a start in the future. A one-time schedule must lie ahead, so
     * without a start, or with one that has passed, the bunch runs now instead. Returns when it runs.
     */
    scheduleSingleBunchRun: async (call: CallContext, bunchName: string, params: Record<string, string>, start?: Date) => {
      const scope = scopeOf(call);
      const bunch = lookup.bunch(scope, bunchName);
      const actor = callerOf(call).username;
      if (start === undefined || start.getTime() <= deps.clock.now()) {
        const run = await deps.engine.runNow({ bunchId: bunch.id, orgId: scope.orgId, params, requestedBy: actor });
        return new Date(run.dueAt);
      }
      const view = await createSingle(deps, scope, bunch, params, start.getTime(), actor);
      return new Date(view.runAt ?? start.getTime());
    },

    unscheduleBunch: async (call: CallContext, jobLabel: string) => {
      const scope = scopeOf(call);
      const [schedule] = await listSchedules(db, { activeOnly: true, orgId: scope.orgId, label: jobLabel });
      if (!schedule) throw new ApiFault('NOT_FOUND', `No such jobLabel: no active schedule labelled '${jobLabel}' ${where(scope)}`);
      await deps.schedules.unschedule(schedule.id, callerOf(call).username);
      return 1;
    },

    listScheduleRuns: async (call: CallContext, scheduleId: number) => {
      const scope = scopeOf(call);
      const schedule = await lookup.schedule(scope, scheduleId);
      return (await listRuns(db, { scheduleId: schedule.id, orgId: scope.orgId, limit: RUN_LIST_LIMIT })).map(toSpacewalkRun);
    },

    listBunchRuns: async (call: CallContext, bunchName: string) => {
      const scope = scopeOf(call);
      const bunch = lookup.bunch(scope, bunchName);
      return (await listRuns(db, { bunch: bunch.name, orgId: scope.orgId, limit: RUN_LIST_LIMIT })).map(toSpacewalkRun);
    },

    /** The last `nBytes` of a stream, the whole of it when negative, at most `LOG_ANSWER_CAP`. */
    readLog: async (call: CallContext, runId: number, stream: 'stdout' | 'stderr', nBytes: number) => {
      const run = await lookup.run(scopeOf(call), runId);
      const bytes = nBytes < 0 || nBytes > LOG_ANSWER_CAP ? LOG_ANSWER_CAP : nBytes;
      try {
        return logText(await tailLog(db, run.id, stream, bytes));
      } catch (error) {
        // Removed by the history retention between the two reads.
        if (error instanceof LogNotFoundError) throw new ApiFault('NOT_FOUND', `run ${runId} does not exist`, { cause: error });
        throw error;
      }
    },
  };
}

/** Bunches, schedules and runs looked up within a scope; anything of another scope is not found. */
function scopedLookups(deps: ApiDeps) {
  return {
    bunch(scope: Scope, name: string): BunchDefinition {
      const bunch = deps.bunches.byName(name);
      if (!bunch || bunch.orgBunch !== (scope.orgId !== null)) {
        throw new ApiFault('NOT_FOUND', `no ${scope.orgId === null ? 'satellite' : 'org'} bunch named ${name}`);
      }
      return bunch;
    },
    async schedule(scope: Scope, id: number): Promise<ScheduleView> {
      const view = await getSchedule(deps.db, id);
      if (!view || view.orgId !== scope.orgId) throw new ApiFault('NOT_FOUND', `schedule ${id} does not exist ${where(scope)}`);
      return view;
    },
    async run(scope: Scope, id: number): Promise<RunView> {
      const run = await getRun(deps.db, id);
      if (!run || run.orgId !== scope.orgId) throw new ApiFault('NOT_FOUND', `run ${id} does not exist ${where(scope)}`);
      return run;
    },
  };
}

/** The scope in words, for messages (an org admin learns nothing about other orgs from it). */
function where(scope: Scope): string {
  return scope.orgId === null ? 'at satellite level' : 'in your org';
}

/** Creates the one-time schedule `single-<bunch>-<n>`, trying the next free `n` if a concurrent call took it. */
async function createSingle(deps: ApiDeps, scope: Scope, bunch: BunchDefinition, params: Record<string, string>, runAt: number, actor: string): Promise<ScheduleView> {
  for (let attempt = 1; ; attempt++) {
    const taken = new Set((await listSchedules(deps.db, { activeOnly: false, orgId: scope.orgId })).map((s) => s.label));
    let n = 0;
    while (taken.has(`single-${bunch.name}-${n}`)) n++;
    try {
      return await deps.schedules.create({ label: `single-${bunch.name}-${n}`, bunch: bunch.name, orgId: scope.orgId, runAt, params }, actor);
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'label-taken') || attempt >= SINGLE_LABEL_TRIES) throw error;
    }
  }
}

/** When a schedule just created fires first (the service refuses a schedule that would never fire). */
function firstFire(view: ScheduleView): Date {
  if (view.nextFireAt === null) throw new Error(`Schedule ${view.id} was created without a next fire time`);
  return new Date(view.nextFireAt);
}

/**
 * A log slice as text. The bytes are decoded as UTF-8; bytes that are not valid UTF-8 become U+FFFD (a log
 * holds whatever a command wrote). A tail that begins inside a multi-byte character starts after it, so the
 * cut does not show as a replacement character; the answer may then be up to 3 bytes shorter than asked.
 */
function logText(slice: LogSlice): string {
  let start = 0;
  if (slice.offset > 0) while (start < 3 && start < slice.data.length && ((slice.data[start] ?? 0) & 0xc0) === 0x80) start++;
  return slice.data.subarray(start).toString('utf8');
}
