import type { Database } from '../../db/connect.js';
import { builtinTask, say } from './builtin-task.js';

/** Checks the database, refreshes its statistics and reclaims free space. */
export function dbMaintenanceTask(database: Database) {
  return builtinTask({
    name: 'db-maintenance',
    description: "Checks the scheduler's database, refreshes its statistics and reclaims free space",
    parallelizable: false,
    timeoutMs: 2 * 60 * 60_000,
    scope: 'satellite',
    async body(execution) {
      const before = await database.sizeBytes();
      say(execution, `database ${database.location}: ${before} bytes`);
      for (const line of await database.maintain(execution.signal)) say(execution, line);
      say(execution, `database size after maintenance: ${await database.sizeBytes()} bytes`);
    },
  });
}
