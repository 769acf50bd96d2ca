import { MISFIRE_POLICIES, OVERLAP_POLICIES, RUN_STATUSES, RUN_TRIGGERS } from '../model/status.js';
import type { RunStatus, RunTrigger } from '../model/status.js';
import { t } from './types.js';

/** The structs the struct-style namespaces return. Field names are camelCase; instants are dateTime in UTC. */

const status = t.enum(RUN_STATUSES);
const role = t.enum(['sat-admin', 'org-admin'] as const);

export const scheduleInfo = t.typed<ScheduleInfo>()(
  {
    id: t.int(),
    label: t.string(),
    bunch: t.string(),
    orgId: t.optional(t.int(), 'absent for satellite-level schedules'),
    org: t.optional(t.string()),
    kind: t.enum(['cron', 'once'] as const),
    cron: t.optional(t.string(), 'Quartz cron, evaluated in timeZone'),
    cronDescription: t.optional(t.string(), 'the cron in words'),
    timeZone: t.string(),
    runAt: t.optional(t.dateTime(), 'the instant of a one-time schedule'),
    activeFrom: t.optional(t.dateTime()),
    activeTill: t.optional(t.dateTime()),
    params: t.map(t.any()),
    overlapPolicy: t.enum(OVERLAP_POLICIES),
    misfirePolicy: t.enum(MISFIRE_POLICIES),
    paused: t.boolean(),
    pauseReason: t.optional(t.string()),
    version: t.field(t.int(), 'send it back with every change: a stale version is refused'),
    nextFireTime: t.optional(t.dateTime(), 'absent while paused or once ended'),
    ended: t.boolean(),
    endedAt: t.optional(t.dateTime()),
    endReason: t.optional(t.string()),
    exceptions: t.array(
      t.typed<OccurrenceExceptionInfo>()({ occurrence: t.dateTime(), action: t.enum(['skip', 'move'] as const), movedTo: t.optional(t.dateTime()) }, 'OccurrenceException'),
    ),
    createdAt: t.dateTime(),
    updatedAt: t.dateTime(),
    createdBy: t.string(),
    locked: t.optional(t.boolean(), 'org admins: a satellite-level schedule shown for information only'),
  },
  'ScheduleInfo',
);

export const stepInfo = t.typed<StepInfo>()({ task: t.string(), startIf: t.optional(t.enum(['FINISHED', 'FAILED'] as const)) }, 'Step');

export const bunchInfo = t.typed<BunchInfo>()(
  { id: t.int(), name: t.string(), description: t.string(), orgBunch: t.boolean(), steps: t.array(stepInfo) },
  'BunchInfo',
);

export const taskParameterInfo = t.typed<TaskParameterInfo>()(
  {
    name: t.string(),
    type: t.enum(['string', 'integer', 'boolean', 'enum'] as const),
    required: t.boolean(),
    description: t.optional(t.string()),
    default: t.optional(t.any()),
    pattern: t.optional(t.string()),
    values: t.optional(t.array(t.string())),
    min: t.optional(t.int()),
    max: t.optional(t.int()),
  },
  'TaskParameter',
);

export const taskInfo = t.typed<TaskInfoStruct>()(
  {
    name: t.string(),
    description: t.string(),
    kind: t.enum(['builtin', 'command'] as const),
    parallelizable: t.boolean(),
    maxParallel: t.optional(t.int()),
    timeoutSeconds: t.int(),
    scope: t.enum(['satellite', 'org', 'any'] as const),
    parameters: t.array(taskParameterInfo),
    available: t.boolean(),
    unavailableReason: t.optional(t.string()),
  },
  'TaskInfo',
);

/** One task run with its bunch run around it: a row of run history. */
export const runInfo = t.typed<RunInfo>()(
  {
    id: t.field(t.int(), 'the task run id (logs are read by it)'),
    bunchRunId: t.int(),
    scheduleId: t.optional(t.int()),
    scheduleLabel: t.optional(t.string()),
    bunch: t.string(),
    orgId: t.optional(t.int()),
    step: t.field(t.int(), '1 for the first step of the bunch'),
    task: t.string(),
    status,
    statusReason: t.optional(t.string()),
    trigger: t.enum(RUN_TRIGGERS),
    dueTime: t.dateTime(),
    startTime: t.optional(t.dateTime()),
    endTime: t.optional(t.dateTime()),
    exitCode: t.optional(t.int()),
    stdoutBytes: t.int(),
    stderrBytes: t.int(),
    droppedBytes: t.field(t.int(), 'output past the per-run cap, not stored'),
    fireCount: t.field(t.int(), 'fires this record stands for (a streak of skipped or missed fires)'),
  },
  'RunInfo',
);

export const bunchRunDetail = t.typed<BunchRunDetail>()(
  {
    id: t.int(),
    scheduleId: t.optional(t.int()),
    scheduleLabel: t.optional(t.string()),
    bunch: t.string(),
    orgId: t.optional(t.int()),
    status,
    statusReason: t.optional(t.string()),
    trigger: t.enum(RUN_TRIGGERS),
    dueTime: t.dateTime(),
    startTime: t.optional(t.dateTime()),
    endTime: t.optional(t.dateTime()),
    params: t.map(t.any()),
    requestedBy: t.optional(t.string()),
    steps: t.field(t.array(runInfo), 'the task runs so far, in step order'),
    plannedSteps: t.field(t.array(stepInfo), 'the bunch steps as they were when the run fired'),
  },
  'BunchRunDetail',
);

export const logSlice = t.typed<LogSlice>()(
  {
    offset: t.int(),
    data: t.field(t.string(), 'the slice as text (encoding text): bytes that are not UTF-8, and characters XML 1.0 cannot carry (ESC and the other control characters except tab, newline and carriage return), show as U+FFFD; empty with encoding base64'),
    dataBase64: t.optional(t.base64(), 'the exact bytes of the slice (encoding base64 only)'),
    bytes: t.field(t.int(), 'bytes in this slice'),
    size: t.field(t.int(), 'bytes stored so far in the stream'),
    droppedBytes: t.int(),
    complete: t.field(t.boolean(), 'the run has ended: the log will not grow'),
  },
  'LogSlice',
);

export const userInfo = t.typed<UserInfo>()(
  {
    id: t.int(),
    username: t.string(),
    role,
    orgId: t.optional(t.int()),
    org: t.optional(t.string()),
    disabled: t.boolean(),
    createdAt: t.dateTime(),
  },
  'UserInfo',
);

export const orgInfo = t.typed<OrgInfo>()({ id: t.int(), name: t.string(), createdAt: t.dateTime() }, 'OrgInfo');

export const settingsInfo = t.typed<SettingsInfo>()(
  {
    retentionDays: t.int({ min: 1, max: 36500 }),
    defaultTimeZone: t.string(200),
    logCapBytes: t.int({ min: 1024 }),
    postponeLimitSeconds: t.int({ min: 1 }),
    misfireGraceSeconds: t.int({ min: 0 }),
    orgAdminsMaySeeSatelliteSchedules: t.boolean(),
    sessionIdleMinutes: t.int({ min: 1, max: 10_080 }),
  },
  'Settings',
);

export const auditEntry = t.typed<AuditEntryInfo>()(
  {
    id: t.int(),
    at: t.dateTime(),
    actor: t.string(),
    action: t.string(),
    targetType: t.string(),
    targetId: t.optional(t.string()),
    before: t.optional(t.string(), 'JSON'),
    after: t.optional(t.string(), 'JSON'),
    address: t.optional(t.string()),
  },
  'AuditEntry',
);

export const change = t.typed<ChangeInfo>()(
  {
    kind: t.enum(['schedule', 'run', 'bunch', 'settings', 'user', 'org'] as const),
    id: t.int(),
    action: t.string(),
    at: t.dateTime(),
    orgId: t.optional(t.int()),
  },
  'Change',
);

export const userRole = role;
export const runStatus = status;

/*
 * The TypeScript interfaces of the structs above, written out so the compiler compares results by name
 * (struct-types-check.ts proves each equals what its fields describe).
 */

export interface OccurrenceExceptionInfo {
  occurrence: Date;
  action: 'skip' | 'move';
  movedTo?: Date;
}

export interface ScheduleInfo {
  id: number;
  label: string;
  bunch: string;
  orgId?: number;
  org?: string;
  kind: 'cron' | 'once';
  cron?: string;
  cronDescription?: string;
  timeZone: string;
  runAt?: Date;
  activeFrom?: Date;
  activeTill?: Date;
  params: Record<string, unknown>;
  overlapPolicy: 'SKIP' | 'QUEUE_ONE' | 'ALLOW';
  misfirePolicy: 'RUN_ONCE' | 'SKIP';
  paused: boolean;
  pauseReason?: string;
  version: number;
  nextFireTime?: Date;
  ended: boolean;
  endedAt?: Date;
  endReason?: string;
  exceptions: OccurrenceExceptionInfo[];
  createdAt: Date;
  updatedAt: Date;
  createdBy: string;
  locked?: boolean;
}

export interface StepInfo {
  task: string;
  startIf?: 'FINISHED' | 'FAILED';
}

export interface BunchInfo {
  id: number;
  name: string;
  description: string;
  orgBunch: boolean;
  steps: StepInfo[];
}

export interface TaskParameterInfo {
  name: string;
  type: 'string' | 'integer' | 'boolean' | 'enum';
  required: boolean;
  description?: string;
  default?: unknown;
  pattern?: string;
  values?: string[];
  min?: number;
  max?: number;
}

export interface TaskInfoStruct {
  name: string;
  description: string;
  kind: 'builtin' | 'command';
  parallelizable: boolean;
  maxParallel?: number;
  timeoutSeconds: number;
  scope: 'satellite' | 'org' | 'any';
  parameters: TaskParameterInfo[];
  available: boolean;
  unavailableReason?: string;
}

export interface RunInfo {
  id: number;
  bunchRunId: number;
  scheduleId?: number;
  scheduleLabel?: string;
  bunch: string;
  orgId?: number;
  step: number;
  task: string;
  status: RunStatus;
  statusReason?: string;
  trigger: RunTrigger;
  dueTime: Date;
  startTime?: Date;
  endTime?: Date;
  exitCode?: number;
  stdoutBytes: number;
  stderrBytes: number;
  droppedBytes: number;
  fireCount: number;
}

export interface BunchRunDetail {
  id: number;
  scheduleId?: number;
  scheduleLabel?: string;
  bunch: string;
  orgId?: number;
  status: RunStatus;
  statusReason?: string;
  trigger: RunTrigger;
  dueTime: Date;
  startTime?: Date;
  endTime?: Date;
  params: Record<string, unknown>;
  requestedBy?: string;
  steps: RunInfo[];
  plannedSteps: StepInfo[];
}

export interface LogSlice {
  offset: number;
  data: string;
  dataBase64?: Uint8Array;
  bytes: number;
  size: number;
  droppedBytes: number;
  complete: boolean;
}

export interface UserInfo {
  id: number;
  username: string;
  role: 'sat-admin' | 'org-admin';
  orgId?: number;
  org?: string;
  disabled: boolean;
  createdAt: Date;
}

export interface OrgInfo {
  id: number;
  name: string;
  createdAt: Date;
}

export interface SettingsInfo {
  retentionDays: number;
  defaultTimeZone: string;
  logCapBytes: number;
  postponeLimitSeconds: number;
  misfireGraceSeconds: number;
  orgAdminsMaySeeSatelliteSchedules: boolean;
  sessionIdleMinutes: number;
}

export interface AuditEntryInfo {
  id: number;
  at: Date;
  actor: string;
  action: string;
  targetType: string;
  targetId?: string;
  before?: string;
  after?: string;
  address?: string;
}

export interface ChangeInfo {
  kind: 'schedule' | 'run' | 'bunch' | 'settings' | 'user' | 'org';
  id: number;
  action: string;
  at: Date;
  orgId?: number;
}
