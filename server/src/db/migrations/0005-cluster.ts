import type { Kysely } from 'kysely';
import { byteText } from './ddl.js';

/**
 * Several nodes on one database (frozen in time: no app imports). Each run names the node that owns it, so a
 * node that dies leaves work another can find; a request to cancel a run another node runs is left on the
 * run; nodes record who took over from them and how far their clock is from the database's; and the slots of
 * tasks with a parallel limit are rows, with the steps waiting for one, so the limit and the order of arrival
 * hold across nodes; and labels are found through an index, so concurrent creates do not conflict.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const text = byteText(db);
  await db.schema.alterTable('bunch_runs').addColumn('node_id', text).execute();
  await db.schema.alterTable('bunch_runs').addColumn('cancel_requested_by', text).execute();
  await db.schema.createIndex('bunch_runs_node_status').on('bunch_runs').columns(['node_id', 'status']).execute();
  await db.schema.alterTable('nodes').addColumn('taken_over_by', text).execute();
  await db.schema.alterTable('nodes').addColumn('taken_over_at', 'bigint').execute();
  await db.schema.alterTable('nodes').addColumn('clock_offset_ms', 'bigint').execute();
  await db.schema
    .createTable('task_slots')
    .addColumn('task', text, (c) => c.notNull())
    .addColumn('slot', 'integer', (c) => c.notNull())
    .addColumn('task_run_id', 'bigint', (c) => c.notNull())
    .addColumn('node_id', text, (c) => c.notNull())
    .addColumn('taken_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('task_slots_pk', ['task', 'slot'])
    .execute();
  await db.schema.createIndex('task_slots_node').on('task_slots').column('node_id').execute();
  await db.schema
    .createTable('task_waits')
    .addColumn('task_run_id', 'bigint', (c) => c.primaryKey())
    .addColumn('task', text, (c) => c.notNull())
    .addColumn('node_id', text, (c) => c.notNull())
    .addColumn('since', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('task_waits_task').on('task_waits').columns(['task', 'since', 'task_run_id']).execute();
  await db.schema.createIndex('task_waits_node').on('task_waits').column('node_id').execute();
  // Is this label free? is asked inside a serializable transaction: through this index PostgreSQL locks the
  // label's index entries, not the whole table, so creates on several nodes at once do not abort each other.
  await db.schema.createIndex('schedules_label').on('schedules').columns(['label', 'org_id']).execute();
}
