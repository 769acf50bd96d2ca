import { method, p } from './method.js';
import { bunchRunDetail, logSlice, runInfo, runStatus } from './structs.js';
import { t } from './types.js';

/** Runs, logs and the calendar. Org admins see their org's runs only. */

const stream = t.optional(t.enum(['stdout', 'stderr'] as const), 'default stdout');
const encoding = t.optional(
  t.enum(['text', 'base64'] as const),
  'default text: the log as a string (characters XML cannot carry become U+FFFD); base64: the exact bytes in dataBase64',
);

const calendarRun = t.struct(
  {
    bunchRunId: t.int(),
    scheduleId: t.optional(t.int()),
    label: t.optional(t.string()),
    bunch: t.string(),
    orgId: t.optional(t.int()),
    status: runStatus,
    trigger: t.string(),
    dueTime: t.dateTime(),
    startTime: t.optional(t.dateTime()),
    endTime: t.optional(t.dateTime()),
  },
  'CalendarRun',
);

/**
 * One schedule's future in the range. Each schedule's details come once, with its fire times as a list:
 * a week of a thousand schedules stays small on the wire.
 */
const calendarSchedule = t.struct(
  {
    scheduleId: t.int(),
    label: t.string(),
    bunch: t.string(),
    orgId: t.optional(t.int()),
    kind: t.enum(['cron', 'once'] as const),
    cron: t.optional(t.string()),
    cronDescription: t.optional(t.string()),
    timeZone: t.field(t.string(), "the schedule's zone"),
    expectedSeconds: t.optional(t.int(), 'median duration of its last finished runs'),
    expectedSecondsP95: t.optional(t.int()),
    locked: t.field(t.boolean(), 'shown for information only: you may not change it'),
    times: t.field(t.array(t.dateTime(), 1_000_000), 'its regular fire times in the range (empty when it comes as a band)'),
    moved: t.array(t.struct({ time: t.dateTime(), from: t.dateTime() }, 'MovedOccurrence'), 100_000),
    band: t.optional(
      t.struct(
        {
          count: t.field(t.int(), 'fires in the range'),
          first: t.dateTime(),
          last: t.dateTime(),
          everySeconds: t.optional(t.int(), 'the interval, when regular'),
        },
        'FireBand',
      ),
      'present for a schedule firing more often than bandAbove in the range: its fires as a density band',
    ),
  },
  'CalendarSchedule',
);

/** A schedule's many past runs in the range, counted by status (its runs that did not finish are listed too). */
const calendarRunBand = t.struct(
  {
    scheduleId: t.int(),
    label: t.string(),
    bunch: t.string(),
    orgId: t.optional(t.int()),
    count: t.int(),
    first: t.dateTime(),
    last: t.dateTime(),
    byStatus: t.map(t.int()),
  },
  'CalendarRunBand',
);

export const RUNS = {
  'runs.list': method({
    role: 'any',
    signatures: [
      [
        p(
          'filter',
          t.struct({
            task: t.optional(t.string(200)),
            bunch: t.optional(t.string(200)),
            scheduleId: t.optional(t.int()),
            orgId: t.optional(t.int(), 'satellite admins: one org'),
            satelliteOnly: t.optional(t.boolean()),
            statuses: t.optional(t.array(runStatus, 20)),
            from: t.optional(t.dateTime(), 'due at or after'),
            to: t.optional(t.dateTime(), 'due before'),
            before: t.optional(t.int(), 'paging: only runs older than this cursor (nextCursor of the previous page)'),
            limit: t.optional(t.int({ min: 1, max: 1000 }), 'default 100'),
          }),
        ),
      ],
    ],
    result: t.struct({ runs: t.array(runInfo), nextCursor: t.optional(t.int(), 'absent on the last page') }, 'RunPage'),
    faults: [],
    help: 'Run history, newest first, filtered and paged',
  }),
  'runs.get': method({
    role: 'any',
    signatures: [[p('request', t.struct({ bunchRunId: t.int() }))]],
    result: bunchRunDetail,
    faults: ['NOT_FOUND'],
    help: 'One bunch run with its steps',
  }),
  'runs.cancel': method({
    role: 'any',
    signatures: [[p('request', t.struct({ bunchRunId: t.int() }))]],
    result: t.struct({ result: t.enum(['cancelled', 'cancelling', 'already-ended'] as const) }, 'CancelResult'),
    faults: ['NOT_FOUND'],
    help: 'Cancels a run: a waiting one ends at once, a running command is stopped (TERM, then KILL)',
  }),
  'logs.read': method({
    role: 'any',
    signatures: [[p('request', t.struct({ runId: t.field(t.int(), 'task run id'), stream, offset: t.int({ min: 0 }), length: t.optional(t.int({ min: 0, max: 4 * 1024 * 1024 }), 'default 256 KiB'), encoding }))]],
    result: logSlice,
    faults: ['NOT_FOUND'],
    help: 'Reads a log from a byte offset, also while the run is going',
  }),
  'logs.tail': method({
    role: 'any',
    signatures: [[p('request', t.struct({ runId: t.int(), stream, bytes: t.optional(t.int({ min: 0, max: 4 * 1024 * 1024 }), 'default 64 KiB'), encoding }))]],
    result: logSlice,
    faults: ['NOT_FOUND'],
    help: 'The end of a log',
  }),
  'logs.search': method({
    role: 'any',
    signatures: [
      [
        p(
          'request',
          t.struct({
            runId: t.int(),
            stream,
            query: t.string(1000),
            regex: t.optional(t.boolean()),
            caseSensitive: t.optional(t.boolean()),
            limit: t.optional(t.int({ min: 1, max: 10_000 }), 'default 1000'),
          }),
        ),
      ],
    ],
    result: t.struct(
      {
        matches: t.array(t.struct({ line: t.int(), offset: t.int(), text: t.string() }, 'LogMatch')),
        total: t.int(),
        capped: t.boolean(),
      },
      'LogSearchResult',
    ),
    faults: ['NOT_FOUND', 'INVALID_ARGUMENT'],
    help: 'Searches a whole log on the server: matching lines with their line numbers and byte offsets',
  }),
  'calendar.range': method({
    role: 'any',
    signatures: [[p('request', t.struct({ from: t.dateTime(), to: t.dateTime(), orgId: t.optional(t.int()), bandAbove: t.optional(t.int({ min: 1 }), 'schedules with more fires (or past runs) than this in the range come as bands (default 200)') }))]],
    result: t.struct(
      {
        schedules: t.field(t.array(calendarSchedule, 100_000), 'future fires, per schedule'),
        runs: t.field(t.array(calendarRun, 1_000_000), 'past and waiting runs (of a schedule with a run band: only those that did not finish)'),
        runBands: t.field(t.array(calendarRunBand, 100_000), 'schedules with more past runs than bandAbove in the range'),
        capped: t.field(t.boolean(), 'something was cut: ask for a shorter range'),
        timeZone: t.field(t.string(), 'the satellite default zone'),
      },
      'Calendar',
    ),
    faults: ['INVALID_ARGUMENT'],
    help: 'Past runs and future occurrences in a time range (at most 62 days), with expected durations',
  }),
};
