import type { Tables } from '../tables.js';

/** A table as the store copy sees it: its name and the columns of its primary key, which order its rows. */
export interface CopiedTable {
  readonly name: keyof Tables;
  readonly key: ReadonlyArray<string>;
}

/**
 * Every table of the schema, in an order where each comes after the tables its foreign keys point at. Kysely's
 * own bookkeeping (schema_migrations and its lock) is not copied: the target's migrations write it. A table
 * missing here makes the copy refuse to start (see `uncoveredTables`), so a new migration cannot leave data
 * behind unnoticed.
 */
export const COPIED_TABLES: ReadonlyArray<CopiedTable> = [
  { name: 'orgs', key: ['id'] },
  { name: 'users', key: ['id'] },
  { name: 'api_sessions', key: ['key_hash'] },
  { name: 'settings', key: ['key'] },
  { name: 'bunches', key: ['id'] },
  { name: 'bunch_steps', key: ['bunch_id', 'position'] },
  { name: 'schedules', key: ['id'] },
  { name: 'schedule_exceptions', key: ['schedule_id', 'occurrence_at'] },
  { name: 'bunch_runs', key: ['id'] },
  { name: 'task_runs', key: ['id'] },
  { name: 'log_chunks', key: ['task_run_id', 'stream', 'offset'] },
  { name: 'daily_summaries', key: ['day', 'task', 'status'] },
  { name: 'audit_log', key: ['id'] },
  { name: 'id_blocks', key: ['name'] },
  { name: 'nodes', key: ['id'] },
  { name: 'task_slots', key: ['task', 'slot'] },
  { name: 'task_waits', key: ['task_run_id'] },
];

/** Tables of the migrator's own, which every store has of its own. */
const MIGRATOR_TABLES = new Set(['schema_migrations', 'schema_migrations_lock']);

/** Tables a store has that the copy does not know (none, unless a migration added one and this list lags). */
export function uncoveredTables(names: ReadonlyArray<string>): string[] {
  const known = new Set<string>(COPIED_TABLES.map((t) => t.name));
  return names.filter((name) => !known.has(name) && !MIGRATOR_TABLES.has(name));
}
