import type { Generated } from 'kysely';

/**
 * The tables as the query layer sees them. Instants are epoch milliseconds (integers), booleans are 0/1
 * integers and structured values are JSON text, so every dialect stores them the same way.
 */
export interface Tables {
  orgs: OrgsTable;
  users: UsersTable;
  api_sessions: ApiSessionsTable;
  settings: SettingsTable;
  bunches: BunchesTable;
  bunch_steps: BunchStepsTable;
  schedules: SchedulesTable;
  schedule_exceptions: ScheduleExceptionsTable;
  bunch_runs: BunchRunsTable;
  task_runs: TaskRunsTable;
  log_chunks: LogChunksTable;
  daily_summaries: DailySummariesTable;
  audit_log: AuditLogTable;
  id_blocks: IdBlocksTable;
  nodes: NodesTable;
  task_slots: TaskSlotsTable;
  task_waits: TaskWaitsTable;
}

export interface OrgsTable {
  id: Generated<number>;
  name: string;
  created_at: number;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  /** 'sat-admin' or 'org-admin'. */
  role: string;
  org_id: number | null;
  password_hash: string;
  disabled: number;
  created_at: number;
  /** JSON object of the user's own preferences (e.g. `showSatelliteSchedules`); added by 0003-auth. */
  preferences: Generated<string>;
}

export interface ApiSessionsTable {
  /** SHA-256 of the session key: a stolen database does not hand out live sessions. */
  key_hash: string;
  user_id: number;
  created_at: number;
  last_used_at: number;
  expires_at: number;
}

export interface SettingsTable {
  key: string;
  /** JSON text. */
  value: string;
  updated_at: number;
}

export interface BunchesTable {
  id: Generated<number>;
  name: string;
  description: string;
  /** 1 for org-level bunches (scheduled inside one org), 0 for satellite-level ones. */
  org_bunch: number;
  created_at: number;
  updated_at: number;
}

export interface BunchStepsTable {
  bunch_id: number;
  position: number;
  task: string;
  /** null, 'FINISHED' or 'FAILED'. */
  start_if: string | null;
}

export interface SchedulesTable {
  id: Generated<number>;
  label: string;
  bunch_id: number;
  /** null for satellite-level schedules. */
  org_id: number | null;
  /** 'cron' or 'once'. */
  kind: string;
  cron_expr: string | null;
  time_zone: string;
  /** The instant of a one-time schedule. */
  run_at: number | null;
  active_from: number | null;
  active_till: number | null;
  /** JSON object of parameter values. */
  params: string;
  overlap_policy: string;
  misfire_policy: string;
  paused: number;
  pause_reason: string | null;
  version: number;
  /** Next fire not yet claimed by the engine; null when nothing is left to fire or while paused. */
  next_fire_at: number | null;
  /** Set when the schedule stops being active (unscheduled, window closed, one-time run fired). */
  ended_at: number | null;
  end_reason: string | null;
  created_at: number;
  updated_at: number;
  created_by: string;
}

export interface ScheduleExceptionsTable {
  schedule_id: number;
  /** The fire instant this exception replaces. */
  occurrence_at: number;
  /** 'skip' or 'move'. */
  action: string;
  moved_to: number | null;
  reason: string | null;
  created_at: number;
  created_by: string;
}

export interface BunchRunsTable {
  id: number;
  schedule_id: number | null;
  bunch_id: number;
  org_id: number | null;
  trigger: string;
  status: string;
  status_reason: string | null;
  due_at: number;
  started_at: number | null;
  ended_at: number | null;
  /** JSON object of parameter values. */
  params: string;
  /** JSON array of the bunch's steps when it fired: edits to the bunch do not change a run under way. */
  steps: string;
  /** Fires this record stands for: consecutive skipped or missed fires are counted on one record. */
  fire_count: number;
  last_fire_at: number | null;
  requested_by: string | null;
  /** The node that claimed the run and runs it (nodes.id); null for runs from before several nodes. */
  node_id: string | null;
  /** Who asked to cancel the run on another node; its node cancels it (and clears nothing: the end says it). */
  cancel_requested_by: string | null;
}

export interface TaskRunsTable {
  id: number;
  bunch_run_id: number;
  position: number;
  task: string;
  status: string;
  status_reason: string | null;
  created_at: number;
  started_at: number | null;
  ended_at: number | null;
  exit_code: number | null;
  pid: number | null;
  stdout_bytes: Generated<number>;
  stderr_bytes: Generated<number>;
  /** Output dropped past the per-run cap (or lost to a write error), in bytes. */
  stdout_dropped: Generated<number>;
  stderr_dropped: Generated<number>;
}

export interface LogChunksTable {
  task_run_id: number;
  /** 0 stdout, 1 stderr. */
  stream: number;
  /** Byte offset of the chunk's first byte in its stream. */
  offset: number;
  written_at: number;
  data: Uint8Array;
}

export interface DailySummariesTable {
  /** Calendar day in the satellite's default zone, YYYY-MM-DD. */
  day: string;
  task: string;
  status: string;
  runs: number;
  total_ms: number;
  max_ms: number;
  created_at: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: number;
  actor: string;
  action: string;
  target_type: string;
  target_id: string | null;
  before: string | null;
  after: string | null;
  address: string | null;
}

export interface IdBlocksTable {
  name: string;
  next_id: number;
}

export interface NodesTable {
  id: string;
  hostname: string;
  pid: number;
  version: string;
  started_at: number;
  heartbeat_at: number;
  stopped_at: number | null;
  /** The node that took over this one's unfinished work after it stopped or died. */
  taken_over_by: string | null;
  taken_over_at: number | null;
  /** How far this node's clock is behind the database's (database minus node), as last measured. */
  clock_offset_ms: number | null;
}

/** A step waiting for a slot of its task, on any node: slots go to the longest waiting first. */
export interface TaskWaitsTable {
  task_run_id: number;
  task: string;
  node_id: string;
  /** When the step began to wait (its task run's creation). */
  since: number;
}

/** A slot of a task with a parallel limit, held by the task run using it, so the limit holds across nodes. */
export interface TaskSlotsTable {
  task: string;
  slot: number;
  task_run_id: number;
  node_id: string;
  taken_at: number;
}
