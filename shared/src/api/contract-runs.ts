import { method, p } from './method.js';
import { bunchRunDetail, logSlice, runInfo, runStatus } from './structs.js';
import { t } from './types.js';

/** Runs, logs and the calendar. Org admins see their org's runs only. */

const stream = t.optional(t.enum(['stdout', 'stderr'] as const), 'default stdout');

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

const calendarOccurrence = t.struct(
  {
    scheduleId: t.int(),
    label: t.string(),
    bunch: t.string(),
    orgId: t.optional(t.int()),
    time: t.dateTime(),
    trigger: t.enum(['cron', 'once', 'moved', 'manual'] as const),
    movedFrom: t.optional(t.dateTime()),
    expectedSeconds: t.optional(t.int(), 'median duration of recent runs'),
    expectedSecondsP95: t.optional(t.int()),
    locked: t.field(t.boolean(), 'shown for information only: you may not change it'),
  },
  'CalendarOccurrence',
);

const calendarBand = t.struct(
  {
    scheduleId: t.int(),
    label: t.string(),
    bunch: t.string(),
    orgId: t.optional(t.int()),
    count: t.field(t.int(), 'occurrences in the range'),
    first: t.dateTime(),
    last: t.dateTime(),
    everySeconds: t.optional(t.int(), 'the interval, when regular'),
    locked: t.boolean(),
  },
  'CalendarBand',
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
    signatures: [[p('request', t.struct({ runId: t.field(t.int(), 'task run id'), stream, offset: t.int({ min: 0 }), length: t.optional(t.int({ min: 0, max: 4 * 1024 * 1024 }), 'default 256 KiB') }))]],
    result: logSlice,
    faults: ['NOT_FOUND'],
    help: 'Reads a log from a byte offset, also while the run is going',
  }),
  'logs.tail': method({
    role: 'any',
    signatures: [[p('request', t.struct({ runId: t.int(), stream, bytes: t.optional(t.int({ min: 0, max: 4 * 1024 * 1024 }), 'default 64 KiB') }))]],
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
    signatures: [[p('request', t.struct({ from: t.dateTime(), to: t.dateTime(), orgId: t.optional(t.int()), bandAbove: t.optional(t.int({ min: 1 }), 'schedules with more occurrences than this in the range come as a band (default 200)') }))]],
    result: t.struct(
      {
        runs: t.array(calendarRun, 1_000_000),
        occurrences: t.array(calendarOccurrence, 1_000_000),
        bands: t.array(calendarBand, 1_000_000),
        capped: t.field(t.boolean(), 'something was cut: ask for a shorter range'),
        timeZone: t.field(t.string(), 'the satellite default zone'),
      },
      'Calendar',
    ),
    faults: ['INVALID_ARGUMENT'],
    help: 'Past runs and future occurrences in a time range (at most 62 days), with expected durations',
  }),
};
