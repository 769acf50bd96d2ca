import type { Kysely } from 'kysely';
import type { Tables } from '../../db/tables.js';
import { builtinTask, say } from './builtin-task.js';

/** Removes expired API sessions (Spacewalk's session-cleanup). */
export function sessionCleanupTask(db: Kysely<Tables>) {
  return builtinTask({
    name: 'session-cleanup',
    description: 'Removes expired API sessions',
    parallelizable: false,
    timeoutMs: 10 * 60_000,
    scope: 'satellite',
    async body(execution) {
      const now = execution.clock.now();
      const result = await db.deleteFrom('api_sessions').where('expires_at', '<=', now).executeTakeFirst();
      const left = await db.selectFrom('api_sessions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      say(execution, `removed ${Number(result.numDeletedRows)} expired sessions; ${Number(left.n)} still active`);
    },
  });
}
