import type { Kysely } from 'kysely';
import type { Database } from '../../db/connect.js';
import type { Settings } from '../../db/repos/settings-repo.js';
import type { Tables } from '../../db/tables.js';
import type { RunnableTask } from '../task.js';
import { clearLogHistoryTask } from './clear-log-history.js';
import { dailySummaryTask } from './daily-summary.js';
import { dbMaintenanceTask } from './db-maintenance.js';
import { noopTask } from './noop.js';
import { sessionCleanupTask } from './session-cleanup.js';
import { summaryPopulationTask } from './summary-population.js';

/** The tasks built into the server. */
export function builtinTasks(database: Database, settings: () => Settings): RunnableTask[] {
  const db: Kysely<Tables> = database.db;
  return [
    clearLogHistoryTask(db, settings),
    sessionCleanupTask(db),
    dbMaintenanceTask(database),
    summaryPopulationTask(db, settings),
    dailySummaryTask(db, settings),
    noopTask(),
  ];
}
