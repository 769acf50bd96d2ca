import type { Kysely } from 'kysely';
import { byteText } from './ddl.js';

/**
 * Authentication: per-user preferences (an org admin's switch for the rough list of satellite-level
 * schedules), and indexes for the lookups by org and by session owner. Frozen in time: no app imports.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const text = byteText(db);
  await db.schema
    .alterTable('users')
    .addColumn('preferences', text, (c) => c.notNull().defaultTo('{}'))
    .execute();
  // Users of an org (listing, and the foreign-key check when an org is removed).
  await db.schema.createIndex('users_org').on('users').column('org_id').execute();
  // Sessions of a user (ending them all when the user is disabled, deleted or given a new password).
  await db.schema.createIndex('api_sessions_user').on('api_sessions').column('user_id').execute();
}
