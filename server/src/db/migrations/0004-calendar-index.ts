import type { Kysely } from 'kysely';

/**
 * An index for the calendar, frozen in time: no app imports. A schedule's runs by status and due time, with
 * their start and end: the expected durations read each schedule's latest finished runs from it without
 * touching the table, and the calendar counts a schedule's past runs by status inside it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('bunch_runs_schedule_status')
    .on('bunch_runs')
    .columns(['schedule_id', 'status', 'due_at', 'started_at', 'ended_at'])
    .execute();
}
