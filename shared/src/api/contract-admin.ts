import { method, p } from './method.js';
import { auditEntry, bunchInfo, change, orgInfo, settingsInfo, stepInfo, taskInfo, userInfo, userRole } from './structs.js';
import { t } from './types.js';

/** Sessions, introspection, the catalog, tenants and users, settings, audit, and the changes feed. */

export const AUTH = {
  'auth.login': method({
    role: 'public',
    signatures: [[p('username', t.string(64)), p('password', t.string(1024))]],
    result: t.string(),
    faults: ['LOGIN_FAILED', 'LOGIN_THROTTLED'],
    help: 'Logs in; returns the session key every other call takes first',
  }),
  'auth.logout': method({ role: 'any', signatures: [[]], result: t.int(), faults: [], help: 'Ends the session; returns 1' }),
  'auth.whoami': method({
    role: 'any',
    signatures: [[]],
    result: t.struct(
      {
        username: t.string(),
        role: userRole,
        orgId: t.optional(t.int()),
        org: t.optional(t.string()),
        showSatelliteSchedules: t.field(t.boolean(), 'org admins: the rough list of satellite-level schedules is on'),
      },
      'Me',
    ),
    faults: [],
    help: 'Who the session belongs to',
  }),
};

export const SYSTEM = {
  'system.listMethods': method({ role: 'public', signatures: [[]], result: t.array(t.string()), faults: [], help: 'The names of every method' }),
  'system.methodHelp': method({ role: 'public', signatures: [[p('method', t.string(200))]], result: t.string(), faults: ['UNKNOWN_METHOD'], help: 'The help text of a method' }),
  'system.methodSignature': method({
    role: 'public',
    signatures: [[p('method', t.string(200))]],
    result: t.array(t.array(t.string())),
    faults: ['UNKNOWN_METHOD'],
    help: 'The signatures of a method: result type, then parameter types (session key included)',
  }),
  'system.multicall': method({
    role: 'public',
    signatures: [[p('calls', t.array(t.struct({ methodName: t.string(200), params: t.array(t.any()) }, 'Call'), 1000))]],
    result: t.array(t.any(), 1000),
    faults: [],
    help: 'Several calls in one request; each result is an array of one value, or a fault struct',
  }),
};

export const CATALOG = {
  'bunches.list': method({ role: 'any', signatures: [[]], result: t.array(bunchInfo), faults: [], help: 'The bunches you may schedule' }),
  'bunches.create': method({
    role: 'sat-admin',
    signatures: [[p('request', t.struct({ name: t.string(200), description: t.string(2000), orgBunch: t.boolean(), steps: t.array(stepInfo, 100) }))]],
    result: bunchInfo,
    faults: ['INVALID_ARGUMENT', 'SCOPE_MISMATCH', 'CONFLICT'],
    help: 'Creates a bunch from tasks of the catalog',
  }),
  'bunches.update': method({
    role: 'sat-admin',
    signatures: [[p('request', t.struct({ name: t.string(200), description: t.optional(t.string(2000)), steps: t.optional(t.array(stepInfo, 100)) }))]],
    result: bunchInfo,
    faults: ['NOT_FOUND', 'INVALID_ARGUMENT', 'SCOPE_MISMATCH'],
    help: 'Changes the description or the steps of a bunch (runs under way keep theirs)',
  }),
  'tasks.list': method({ role: 'any', signatures: [[]], result: t.array(taskInfo), faults: [], help: 'The task catalog, with availability' }),
};

export const TENANTS = {
  'orgs.list': method({ role: 'any', signatures: [[]], result: t.array(orgInfo), faults: [], help: 'Orgs (org admins: their own)' }),
  'orgs.create': method({ role: 'sat-admin', signatures: [[p('request', t.struct({ name: t.string(100) }))]], result: orgInfo, faults: ['INVALID_ARGUMENT', 'CONFLICT'], help: 'Creates an org' }),
  'orgs.rename': method({ role: 'sat-admin', signatures: [[p('request', t.struct({ id: t.int(), name: t.string(100) }))]], result: orgInfo, faults: ['NOT_FOUND', 'INVALID_ARGUMENT', 'CONFLICT'], help: 'Renames an org' }),
  'users.list': method({ role: 'sat-admin', signatures: [[]], result: t.array(userInfo), faults: [], help: 'Every user' }),
  'users.create': method({
    role: 'sat-admin',
    signatures: [[p('request', t.struct({ username: t.string(64), password: t.string(1024), role: userRole, orgId: t.optional(t.int()) }))]],
    result: userInfo,
    faults: ['INVALID_ARGUMENT', 'NOT_FOUND', 'CONFLICT'],
    help: 'Creates a user (org admins need an org)',
  }),
  'users.update': method({
    role: 'sat-admin',
    signatures: [[p('request', t.struct({ id: t.int(), password: t.optional(t.string(1024)), role: t.optional(userRole), orgId: t.optional(t.int()), disabled: t.optional(t.boolean()) }))]],
    result: userInfo,
    faults: ['INVALID_ARGUMENT', 'NOT_FOUND', 'CONFLICT'],
    help: 'Changes a user; the last enabled satellite admin cannot be demoted or disabled',
  }),
  'users.delete': method({ role: 'sat-admin', signatures: [[p('request', t.struct({ id: t.int() }))]], result: t.int(), faults: ['NOT_FOUND', 'CONFLICT'], help: 'Deletes a user; returns 1' }),
  'users.setPreferences': method({
    role: 'any',
    signatures: [[p('request', t.struct({ showSatelliteSchedules: t.optional(t.boolean(), 'org admins: see a rough list of satellite-level schedules, when allowed') }))]],
    result: t.int(),
    faults: ['PERMISSION_DENIED'],
    help: 'Your own preferences; returns 1',
  }),
};

export const SATELLITE = {
  'settings.get': method({ role: 'any', signatures: [[]], result: settingsInfo, faults: [], help: 'The satellite settings' }),
  'settings.update': method({
    role: 'sat-admin',
    signatures: [
      [
        p(
          'request',
          t.struct({
            retentionDays: t.optional(t.int({ min: 1, max: 36500 })),
            defaultTimeZone: t.optional(t.string(200)),
            logCapBytes: t.optional(t.int({ min: 1024 })),
            postponeLimitSeconds: t.optional(t.int({ min: 1 })),
            misfireGraceSeconds: t.optional(t.int({ min: 0 })),
            orgAdminsMaySeeSatelliteSchedules: t.optional(t.boolean()),
            sessionIdleMinutes: t.optional(t.int({ min: 1, max: 10_080 })),
          }),
        ),
      ],
    ],
    result: settingsInfo,
    faults: ['INVALID_ARGUMENT', 'INVALID_TIME_ZONE'],
    help: 'Changes settings; absent fields stay as they are',
  }),
  'audit.list': method({
    role: 'sat-admin',
    signatures: [
      [
        p(
          'filter',
          t.struct({
            from: t.optional(t.dateTime()),
            to: t.optional(t.dateTime()),
            actor: t.optional(t.string(100)),
            targetType: t.optional(t.string(50)),
            targetId: t.optional(t.string(50)),
            before: t.optional(t.int(), 'paging: only entries older than this cursor'),
            limit: t.optional(t.int({ min: 1, max: 1000 }), 'default 100'),
          }),
        ),
      ],
    ],
    result: t.struct({ entries: t.array(auditEntry), nextCursor: t.optional(t.int()) }, 'AuditPage'),
    faults: [],
    help: 'The audit trail: every change and every refused login, newest first',
  }),
  'changes.since': method({
    role: 'any',
    signatures: [[p('request', t.struct({ cursor: t.optional(t.string(100), 'from the previous answer; absent at first'), waitSeconds: t.optional(t.int({ min: 0, max: 60 }), 'long-poll up to this long when nothing changed (default 0)') }))]],
    result: t.struct(
      {
        cursor: t.string(),
        changes: t.array(change, 100_000),
        reset: t.field(t.boolean(), 'the cursor is too old or from before a restart: reload everything'),
      },
      'Changes',
    ),
    faults: [],
    help: 'What changed since a cursor (schedules, runs, bunches, settings, users, orgs), waiting for news up to waitSeconds',
  }),
};
