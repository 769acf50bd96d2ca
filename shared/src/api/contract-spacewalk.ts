import { method, p } from './method.js';
import { t } from './types.js';

/**
 * Spacewalk's Taskomatic API: the same method names and positional parameters (after the session key), so
 * scripts written for Spacewalk keep working. `taskomatic.*` is for satellite admins and works on
 * satellite-level schedules; `taskomatic.org.*` is for org admins and is pinned to the caller's org. Field names
 * are Spacewalk's (snake_case), with a few useful additions.
 */

const spacewalkSchedule = t.struct(
  {
    id: t.int(),
    job_label: t.string(),
    bunch: t.string(),
    active_from: t.optional(t.dateTime()),
    active_till: t.optional(t.dateTime()),
    cron_expr: t.optional(t.string(), 'absent for one-time schedules'),
    data_map: t.map(t.any()),
    org_id: t.optional(t.int()),
    time_zone: t.string(),
    next_fire_time: t.optional(t.dateTime()),
    run_at: t.optional(t.dateTime(), 'the instant of a one-time schedule'),
    paused: t.boolean(),
    ended_at: t.optional(t.dateTime(), 'when the schedule stopped being active'),
    end_reason: t.optional(t.string()),
    version: t.int(),
  },
  'SpacewalkSchedule',
);

const spacewalkRun = t.struct(
  {
    id: t.int(),
    schedule_id: t.optional(t.int()),
    task: t.string(),
    start_time: t.optional(t.dateTime()),
    end_time: t.optional(t.dateTime()),
    status: t.string(),
    stdOutputPath: t.field(t.boolean(), 'true when the run wrote to stdout'),
    stdErrorPath: t.field(t.boolean(), 'true when the run wrote to stderr'),
    bunch: t.string(),
    bunch_run_id: t.int(),
    due_time: t.dateTime(),
    status_reason: t.optional(t.string()),
    exit_code: t.optional(t.int()),
  },
  'SpacewalkRun',
);

const spacewalkBunch = t.struct(
  {
    name: t.string(),
    description: t.string(),
    templates: t.array(t.struct({ ordering: t.int(), task: t.string(), start_if: t.optional(t.string()) }, 'SpacewalkTemplate')),
  },
  'SpacewalkBunch',
);

const bunchName = p('bunchName', t.string(200));
const jobLabel = p('jobLabel', t.string(200));
const cronExpression = p('cronExpression', t.string(200), 'Quartz cron, in the satellite default time zone');
const params = p('params', t.map(t.string(4096)), 'parameter values of the bunch tasks (data_map)');
const scheduleId = p('scheduleId', t.int());
const runId = p('runId', t.int(), 'a task run id');
const nBytes = p('nBytes', t.int(), 'bytes from the end; the whole log when negative');
const startTime = p('startTime', t.dateTime());
const endTime = p('endTime', t.dateTime());

/** Longest log answer of the Spacewalk methods (16 MiB); logs.read pages through the rest. */
const LOG_ANSWER_LIMIT = 16 * 1024 * 1024;

/** Both families from one description, so the satellite and org variants cannot drift apart. */
function family(role: 'sat-admin' | 'org-admin', whose: string) {
  const notFound = ['NOT_FOUND'] as const;
  const scheduling = ['NOT_FOUND', 'INVALID_CRON', 'INVALID_PARAMETER', 'INVALID_ARGUMENT', 'LABEL_TAKEN', 'SCOPE_MISMATCH'] as const;
  return {
    listBunches: method({ role, signatures: [[]], result: t.array(spacewalkBunch), faults: [], help: `Lists the ${whose} bunches` }),
    listActiveSchedules: method({ role, signatures: [[]], result: t.array(spacewalkSchedule), faults: [], help: `Lists the ${whose} schedules that are active` }),
    listAllSchedules: method({ role, signatures: [[]], result: t.array(spacewalkSchedule, 1_000_000), faults: [], help: `Lists all ${whose} schedules, ended ones too` }),
    listActiveSchedulesByBunch: method({
      role,
      signatures: [[bunchName]],
      result: t.array(spacewalkSchedule),
      faults: notFound,
      help: `Lists the active ${whose} schedules of a bunch`,
    }),
    scheduleBunch: method({
      role,
      signatures: [
        [bunchName, jobLabel, startTime, endTime, cronExpression, params],
        [bunchName, jobLabel, cronExpression, params],
      ],
      result: t.dateTime(),
      faults: scheduling,
      help: `Schedules a ${whose} bunch with a cron (active from startTime till endTime when given); returns the first fire time`,
    }),
    scheduleSingleBunchRun: method({
      role,
      signatures: [[bunchName, params, p('start', t.dateTime())], [bunchName, params]],
      result: t.dateTime(),
      faults: ['NOT_FOUND', 'INVALID_PARAMETER', 'INVALID_ARGUMENT', 'SCOPE_MISMATCH', 'UNAVAILABLE'],
      help: `Runs a ${whose} bunch once, at start or now; returns when it runs`,
    }),
    unscheduleBunch: method({ role, signatures: [[jobLabel]], result: t.int(), faults: notFound, help: `Ends the active ${whose} schedule with this label; returns 1` }),
    listScheduleRuns: method({ role, signatures: [[scheduleId]], result: t.array(spacewalkRun), faults: notFound, help: 'Lists the runs of a schedule, newest first' }),
    listBunchRuns: method({ role, signatures: [[bunchName]], result: t.array(spacewalkRun), faults: notFound, help: 'Lists the runs of a bunch, newest first' }),
    getRunStdOutputLog: method({ role, signatures: [[runId, nBytes]], result: t.string(LOG_ANSWER_LIMIT), faults: notFound, help: 'The last nBytes of a run stdout (all of it when negative, at most the last 16 MiB: read more with logs.read)' }),
    getRunStdErrorLog: method({ role, signatures: [[runId, nBytes]], result: t.string(LOG_ANSWER_LIMIT), faults: notFound, help: 'The last nBytes of a run stderr (all of it when negative, at most the last 16 MiB: read more with logs.read)' }),
  };
}

const sat = family('sat-admin', 'satellite-level');
const org = family('org-admin', "your org's");

export const SPACEWALK_SAT = {
  'taskomatic.listSatBunches': sat.listBunches,
  'taskomatic.listActiveSatSchedules': sat.listActiveSchedules,
  'taskomatic.listAllSatSchedules': sat.listAllSchedules,
  'taskomatic.listActiveSatSchedulesByBunch': sat.listActiveSchedulesByBunch,
  'taskomatic.scheduleSatBunch': sat.scheduleBunch,
  'taskomatic.scheduleSingleSatBunchRun': sat.scheduleSingleBunchRun,
  'taskomatic.unscheduleSatBunch': sat.unscheduleBunch,
  'taskomatic.listScheduleSatRuns': sat.listScheduleRuns,
  'taskomatic.listBunchSatRuns': sat.listBunchRuns,
  'taskomatic.getSatRunStdOutputLog': sat.getRunStdOutputLog,
  'taskomatic.getSatRunStdErrorLog': sat.getRunStdErrorLog,
  'taskomatic.lookupBunchByName': method({
    role: 'sat-admin',
    signatures: [[bunchName]],
    result: spacewalkBunch,
    faults: ['NOT_FOUND'],
    help: 'A bunch by its name',
  }),
  'taskomatic.lookupScheduleById': method({
    role: 'sat-admin',
    signatures: [[scheduleId]],
    result: spacewalkSchedule,
    faults: ['NOT_FOUND'],
    help: 'A schedule by its id',
  }),
};

export const SPACEWALK_ORG = {
  'taskomatic.org.listBunches': org.listBunches,
  'taskomatic.org.listActiveSchedules': org.listActiveSchedules,
  'taskomatic.org.listAllSchedules': org.listAllSchedules,
  'taskomatic.org.listActiveSchedulesByBunch': org.listActiveSchedulesByBunch,
  'taskomatic.org.scheduleBunch': org.scheduleBunch,
  'taskomatic.org.scheduleSingleBunchRun': org.scheduleSingleBunchRun,
  'taskomatic.org.unscheduleBunch': org.unscheduleBunch,
  'taskomatic.org.listScheduleRuns': org.listScheduleRuns,
  'taskomatic.org.listBunchRuns': org.listBunchRuns,
  'taskomatic.org.getRunStdOutputLog': org.getRunStdOutputLog,
  'taskomatic.org.getRunStdErrorLog': org.getRunStdErrorLog,
};
