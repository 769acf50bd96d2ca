import { MISFIRE_POLICIES, OVERLAP_POLICIES } from '../model/status.js';
import { method, p } from './method.js';
import { scheduleInfo } from './structs.js';
import { t } from './types.js';

/**
 * Schedules, struct style: the session key, then one struct, so fields can be added without breaking callers.
 * Org admins see and change their org's schedules only; satellite admins every one.
 */

const timing = {
  cron: t.optional(t.string(200), 'Quartz cron (seconds first); or runAt'),
  runAt: t.optional(t.dateTime(), 'the one instant of a one-time schedule; or cron'),
  timeZone: t.optional(t.string(200), 'IANA zone the cron is evaluated in (default: the satellite default)'),
  activeFrom: t.optional(t.dateTime()),
  activeTill: t.optional(t.dateTime()),
  params: t.optional(t.map(t.any()), 'parameter values of the bunch tasks'),
  overlapPolicy: t.optional(t.enum(OVERLAP_POLICIES), 'default SKIP'),
  misfirePolicy: t.optional(t.enum(MISFIRE_POLICIES), 'default RUN_ONCE'),
};

const id = t.field(t.int(), 'schedule id');
const version = t.field(t.int(), 'the version you read; a stale one is refused with VERSION_CONFLICT');
const editFaults = ['NOT_FOUND', 'VERSION_CONFLICT', 'INVALID_ARGUMENT'] as const;
const definitionFaults = ['NOT_FOUND', 'INVALID_CRON', 'INVALID_TIME_ZONE', 'INVALID_PARAMETER', 'INVALID_ARGUMENT', 'LABEL_TAKEN', 'SCOPE_MISMATCH'] as const;

export const SCHEDULES = {
  'schedules.list': method({
    role: 'any',
    signatures: [
      [
        p(
          'filter',
          t.struct({
            orgId: t.optional(t.int(), 'satellite admins: one org; org admins: ignored'),
            satelliteOnly: t.optional(t.boolean(), 'satellite admins: satellite-level schedules only'),
            bunch: t.optional(t.string(200)),
            includeEnded: t.optional(t.boolean(), 'default false'),
            includeSatelliteOverview: t.optional(
              t.boolean(),
              'org admins: also a rough list of satellite-level schedules (label, bunch, next fires), when the satellite allows it',
            ),
          }),
        ),
      ],
    ],
    result: t.array(scheduleInfo),
    faults: [],
    help: 'Lists the schedules you may see, by label',
  }),
  'schedules.get': method({ role: 'any', signatures: [[p('request', t.struct({ id }))]], result: scheduleInfo, faults: ['NOT_FOUND'], help: 'One schedule' }),
  'schedules.create': method({
    role: 'any',
    signatures: [
      [
        p(
          'request',
          t.struct({
            label: t.string(200),
            bunch: t.string(200),
            orgId: t.optional(t.int(), 'the org of an org-level bunch (org admins: always their own)'),
            ...timing,
          }),
        ),
      ],
    ],
    result: scheduleInfo,
    faults: definitionFaults,
    help: 'Creates a schedule of a bunch: a cron with its zone, or one instant',
  }),
  'schedules.update': method({
    role: 'any',
    signatures: [[p('request', t.struct({ id, version, label: t.optional(t.string(200)), ...timing }))]],
    result: scheduleInfo,
    faults: [...definitionFaults, 'VERSION_CONFLICT'],
    help: 'Changes a schedule read at version; absent fields stay as they are',
  }),
  'schedules.pause': method({
    role: 'any',
    signatures: [[p('request', t.struct({ id, version, reason: t.string(500) }))]],
    result: scheduleInfo,
    faults: editFaults,
    help: 'Pauses a schedule, with the reason others will see',
  }),
  'schedules.resume': method({ role: 'any', signatures: [[p('request', t.struct({ id, version }))]], result: scheduleInfo, faults: editFaults, help: 'Resumes a paused schedule from now on' }),
  'schedules.delete': method({
    role: 'any',
    signatures: [[p('request', t.struct({ id }))]],
    result: scheduleInfo,
    faults: ['NOT_FOUND'],
    help: 'Ends a schedule (it fires no more; its runs stay; its label is free again)',
  }),
  'schedules.runNow': method({
    role: 'any',
    signatures: [[p('request', t.struct({ id, at: t.optional(t.dateTime(), 'default: now'), params: t.optional(t.map(t.any()), 'override the schedule values') }))]],
    result: t.struct({ bunchRunId: t.int(), dueTime: t.dateTime() }, 'QueuedRun'),
    faults: ['NOT_FOUND', 'INVALID_PARAMETER', 'INVALID_ARGUMENT', 'UNAVAILABLE'],
    help: "Runs a schedule's bunch once, now or at an instant",
  }),
  'schedules.skipOccurrence': method({
    role: 'any',
    signatures: [[p('request', t.struct({ id, version, occurrence: t.field(t.dateTime(), 'the fire time to skip'), reason: t.optional(t.string(500)) }))]],
    result: scheduleInfo,
    faults: editFaults,
    help: 'Skips one future occurrence',
  }),
  'schedules.moveOccurrence': method({
    role: 'any',
    signatures: [[p('request', t.struct({ id, version, occurrence: t.dateTime(), to: t.dateTime(), reason: t.optional(t.string(500)) }))]],
    result: scheduleInfo,
    faults: editFaults,
    help: 'Moves one future occurrence to another instant',
  }),
  'schedules.restoreOccurrence': method({
    role: 'any',
    signatures: [[p('request', t.struct({ id, version, occurrence: t.dateTime() }))]],
    result: scheduleInfo,
    faults: editFaults,
    help: 'Takes back a skip or move of one occurrence',
  }),
  'schedules.split': method({
    role: 'any',
    signatures: [[p('request', t.struct({ id, version, from: t.field(t.dateTime(), 'the first occurrence of the new series'), cron: t.string(200), label: t.optional(t.string(200)), endBefore: t.optional(t.dateTime(), 'the old series stops before this instant (default: from); the fire being moved when the new series starts after it') }))]],
    result: t.struct({ ended: scheduleInfo, created: scheduleInfo }, 'SplitSeries'),
    faults: [...definitionFaults, 'VERSION_CONFLICT'],
    help: 'Ends a series before an occurrence and starts a new one from there with another cron (this and following)',
  }),
  'schedules.undoSplit': method({
    role: 'any',
    signatures: [[p('request', t.struct({ id, version, continuedBy: t.field(t.int(), 'the schedule the split created'), continuedByVersion: t.field(t.int(), 'its version') }))]],
    result: scheduleInfo,
    faults: ['NOT_FOUND', 'INVALID_ARGUMENT', 'LABEL_TAKEN', 'VERSION_CONFLICT'],
    help: 'Takes back a split before its new series has run: the series continues as before and the new one ends',
  }),
  'cron.preview': method({
    role: 'any',
    signatures: [[p('request', t.struct({ expression: t.string(200), timeZone: t.optional(t.string(200)), after: t.optional(t.dateTime()), count: t.optional(t.int({ min: 1, max: 100 })) }))]],
    result: t.struct({ valid: t.boolean(), error: t.optional(t.string()), field: t.optional(t.string()), description: t.optional(t.string()), next: t.array(t.dateTime()) }, 'CronPreview'),
    faults: ['INVALID_TIME_ZONE'],
    help: 'Checks a cron expression and shows what it means and its next fires (the server is the source of truth)',
  }),
};
