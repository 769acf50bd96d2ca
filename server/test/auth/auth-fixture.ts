import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthService } from '../../src/auth/auth-service.js';
import { LoginThrottle, type LoginThrottleOptions } from '../../src/auth/login-throttle.js';
import { SessionStore, type SessionStoreOptions } from '../../src/auth/sessions.js';
import type { Database, Dialect } from '../../src/db/connect.js';
import { FakeClock } from '../../src/engine/fake-clock.js';
import { openTestStore } from '../support/test-store.js';

/**
 * A migrated database (SQLite in a temporary folder, or PostgreSQL), a fake clock, and the auth service over
 * them; `dir` is a temporary data folder for local files (the first admin's password).
 */
export interface AuthFixture {
  readonly dir: string;
  readonly database: Database;
  readonly clock: FakeClock;
  readonly settings: { session_idle_minutes: number };
  readonly sessions: SessionStore;
  readonly throttle: LoginThrottle;
  readonly auth: AuthService;
  /** The audit records, oldest first, with before and after parsed. */
  audit(action?: string): Promise<Array<{ actor: string; action: string; target_id: string | null; before: unknown; after: unknown; address: string | null }>>;
  dispose(): Promise<void>;
}

export const START = '2027-01-04T10:00:00Z';

export async function authFixture(
  options: {
    readonly dialect?: Dialect;
    readonly sessions?: Partial<SessionStoreOptions>;
    readonly throttle?: Partial<LoginThrottleOptions>;
  } = {},
): Promise<AuthFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'taskomatic-auth-'));
  const store = await openTestStore(options.dialect ?? 'sqlite');
  const database = store.database;
  const clock = new FakeClock(START);
  const settings = { session_idle_minutes: 30 };
  const db = database.db;
  const sessions = new SessionStore({ db, clock, settings: () => settings }, options.sessions);
  const throttle = new LoginThrottle(clock, options.throttle);
  const auth = new AuthService({ db, clock, sessions, throttle });
  return {
    dir,
    database,
    clock,
    settings,
    sessions,
    throttle,
    auth,
    async audit(action) {
      let query = db.selectFrom('audit_log').select(['actor', 'action', 'target_id', 'before', 'after', 'address']).orderBy('id');
      if (action !== undefined) query = query.where('action', '=', action);
      const rows = await query.execute();
      return rows.map((r) => ({ ...r, before: r.before === null ? null : JSON.parse(r.before), after: r.after === null ? null : JSON.parse(r.after) }));
    },
    async dispose() {
      await store.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const PASSWORD = 'correct horse battery staple';
