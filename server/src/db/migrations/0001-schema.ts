import { type Kysely, sql } from 'kysely';
import { assignedKey, binary, byteText, identity } from './ddl.js';

/** The schema: tenants and users, the task catalog's bunches, schedules, runs, logs, audit. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const id = identity(db);
  const text = byteText(db);

  await db.schema
    .createTable('orgs')
    .addColumn('id', id.type, id.build)
    .addColumn('name', text, (c) => c.notNull().unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', id.type, id.build)
    .addColumn('username', text, (c) => c.notNull().unique())
    .addColumn('role', text, (c) => c.notNull())
    .addColumn('org_id', 'bigint', (c) => c.references('orgs.id'))
    .addColumn('password_hash', text, (c) => c.notNull())
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('api_sessions')
    .addColumn('key_hash', text, (c) => c.primaryKey())
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_used_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('api_sessions_expires').on('api_sessions').column('expires_at').execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', text, (c) => c.primaryKey())
    .addColumn('value', text, (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('bunches')
    .addColumn('id', id.type, id.build)
    .addColumn('name', text, (c) => c.notNull().unique())
    .addColumn('description', text, (c) => c.notNull())
    .addColumn('org_bunch', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('bunch_steps')
    .addColumn('bunch_id', 'bigint', (c) => c.notNull().references('bunches.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('task', text, (c) => c.notNull())
    .addColumn('start_if', text)
    .addPrimaryKeyConstraint('bunch_steps_pk', ['bunch_id', 'position'])
    .addCheckConstraint('bunch_steps_start_if', sql`start_if is null or start_if in ('FINISHED', 'FAILED')`)
    .execute();

  await db.schema
    .createTable('schedules')
    .addColumn('id', id.type, id.build)
    .addColumn('label', text, (c) => c.notNull())
    .addColumn('bunch_id', 'bigint', (c) => c.notNull().references('bunches.id'))
    .addColumn('org_id', 'bigint', (c) => c.references('orgs.id'))
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('cron_expr', text)
    .addColumn('time_zone', text, (c) => c.notNull())
    .addColumn('run_at', 'bigint')
    .addColumn('active_from', 'bigint')
    .addColumn('active_till', 'bigint')
    .addColumn('params', text, (c) => c.notNull().defaultTo('{}'))
    .addColumn('overlap_policy', text, (c) => c.notNull().defaultTo('SKIP'))
    .addColumn('misfire_policy', text, (c) => c.notNull().defaultTo('RUN_ONCE'))
    .addColumn('paused', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('pause_reason', text)
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('next_fire_at', 'bigint')
    .addColumn('ended_at', 'bigint')
    .addColumn('end_reason', text)
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', text, (c) => c.notNull())
    .execute();
  // A label is unique among the active schedules of its scope (satellite = org 0).
  await sql`create unique index schedules_active_label on schedules (coalesce(org_id, 0), label) where ended_at is null`.execute(db);
  await db.schema.createIndex('schedules_next_fire').on('schedules').column('next_fire_at').execute();
  await db.schema.createIndex('schedules_bunch').on('schedules').column('bunch_id').execute();

  await db.schema
    .createTable('schedule_exceptions')
    .addColumn('schedule_id', 'bigint', (c) => c.notNull().references('schedules.id').onDelete('cascade'))
    .addColumn('occurrence_at', 'bigint', (c) => c.notNull())
    .addColumn('action', text, (c) => c.notNull())
    .addColumn('moved_to', 'bigint')
    .addColumn('reason', text)
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('schedule_exceptions_pk', ['schedule_id', 'occurrence_at'])
    .execute();

  await db.schema
    .createTable('bunch_runs')
    .addColumn('id', assignedKey(db), (c) => c.primaryKey())
    .addColumn('schedule_id', 'bigint', (c) => c.references('schedules.id').onDelete('set null'))
    .addColumn('bunch_id', 'bigint', (c) => c.notNull().references('bunches.id'))
    .addColumn('org_id', 'bigint', (c) => c.references('orgs.id'))
    .addColumn('trigger', text, (c) => c.notNull())
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('status_reason', text)
    .addColumn('due_at', 'bigint', (c) => c.notNull())
    .addColumn('started_at', 'bigint')
    .addColumn('ended_at', 'bigint')
    .addColumn('params', text, (c) => c.notNull())
    .addColumn('steps', text, (c) => c.notNull())
    .addColumn('fire_count', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('last_fire_at', 'bigint')
    .addColumn('requested_by', text)
    .execute();
  await db.schema.createIndex('bunch_runs_schedule').on('bunch_runs').columns(['schedule_id', 'due_at']).execute();
  await db.schema.createIndex('bunch_runs_due').on('bunch_runs').column('due_at').execute();
  await db.schema.createIndex('bunch_runs_status').on('bunch_runs').column('status').execute();

  await db.schema
    .createTable('task_runs')
    .addColumn('id', assignedKey(db), (c) => c.primaryKey())
    .addColumn('bunch_run_id', 'bigint', (c) => c.notNull().references('bunch_runs.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('task', text, (c) => c.notNull())
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('status_reason', text)
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('started_at', 'bigint')
    .addColumn('ended_at', 'bigint')
    .addColumn('exit_code', 'integer')
    // Process (group) id of a running command: a server restarted after a crash stops what is left of it.
    .addColumn('pid', 'integer')
    .addColumn('stdout_bytes', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('stderr_bytes', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('stdout_dropped', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('stderr_dropped', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('task_runs_bunch_run').on('task_runs').columns(['bunch_run_id', 'position']).unique().execute();
  await db.schema.createIndex('task_runs_status').on('task_runs').column('status').execute();
  await db.schema.createIndex('task_runs_task').on('task_runs').columns(['task', 'id']).execute();

  await db.schema
    .createTable('log_chunks')
    .addColumn('task_run_id', 'bigint', (c) => c.notNull().references('task_runs.id').onDelete('cascade'))
    .addColumn('stream', 'integer', (c) => c.notNull())
    .addColumn('offset', 'bigint', (c) => c.notNull())
    .addColumn('written_at', 'bigint', (c) => c.notNull())
    .addColumn('data', binary(db), (c) => c.notNull())
    .addPrimaryKeyConstraint('log_chunks_pk', ['task_run_id', 'stream', 'offset'])
    .execute();

  await db.schema
    .createTable('daily_summaries')
    .addColumn('day', text, (c) => c.notNull())
    .addColumn('task', text, (c) => c.notNull())
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('runs', 'integer', (c) => c.notNull())
    .addColumn('total_ms', 'bigint', (c) => c.notNull())
    .addColumn('max_ms', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('daily_summaries_pk', ['day', 'task', 'status'])
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', id.type, id.build)
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor', text, (c) => c.notNull())
    .addColumn('action', text, (c) => c.notNull())
    .addColumn('target_type', text, (c) => c.notNull())
    .addColumn('target_id', text)
    .addColumn('before', text)
    .addColumn('after', text)
    .addColumn('address', text)
    .execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();

  await db.schema
    .createTable('id_blocks')
    .addColumn('name', text, (c) => c.primaryKey())
    .addColumn('next_id', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('nodes')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('hostname', text, (c) => c.notNull())
    .addColumn('pid', 'integer', (c) => c.notNull())
    .addColumn('version', text, (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('heartbeat_at', 'bigint', (c) => c.notNull())
    .addColumn('stopped_at', 'bigint')
    .execute();
}
