import { existsSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { type Database, openStore } from '../db/connect.js';
import { LATEST_MIGRATION, migrateToLatest } from '../db/migrate.js';
import { redactUrl } from '../db/postgres-errors.js';
import { StoreLockedError } from '../db/postgres-session.js';
import { DEFAULT_SETTINGS } from '../db/repos/settings-repo.js';
import { dataFolder, DataFolderError } from '../data-folder.js';
import { systemClock } from '../engine/clock.js';
import { type HeldStore, holdStore, type StoreTarget, storeLocation } from '../store-target.js';
import { AuthService } from './auth-service.js';
import { LoginThrottle } from './login-throttle.js';
import { SessionStore } from './sessions.js';

/**
 * Opens a data folder's database (or the PostgreSQL database it names) to manage users and orgs from another
 * process (the command line), runs `use`, and closes it. Works beside a running server: SQLite's write-ahead
 * log lets a second process write (waiting on the busy timeout), PostgreSQL takes writers side by side, and the
 * store's lock, which the server holds, is not needed. The lock is taken only to create or migrate the schema,
 * which no running server may see half done: a new store is created and migrated; an older schema is migrated
 * when no server runs on it (one that does is older than this command line, and must be stopped first).
 */
export async function withAdminDatabase<T>(target: StoreTarget, use: (database: Database) => Promise<T>): Promise<T> {
  const location = storeLocation(target);
  const state = location.dialect === 'sqlite' && !existsSync(location.file) ? 'empty' : await schemaState(target);
  if (state === 'newer') {
    throw new DataFolderError(`the database in ${where(target)} was written by a newer taskomatic-server; use that version's command line`);
  }
  if (state === 'empty' || state === 'older') await migrateLocked(target, state);
  const database = await openStore(location);
  try {
    return await use(database);
  } finally {
    await database.close();
  }
}

async function migrateLocked(target: StoreTarget, state: 'empty' | 'older'): Promise<void> {
  let store: HeldStore;
  try {
    store = await holdStore(storeLocation(target));
  } catch (error) {
    if (state === 'empty' || !(error instanceof DataFolderError || error instanceof StoreLockedError)) throw error;
    throw new DataFolderError(
      `the database in ${where(target)} has an older schema than this taskomatic-server (${LATEST_MIGRATION}), and an older ` +
        'server is running on it; stop that server and run this command again (it migrates the database), or use the command line of the running version',
      { cause: error },
    );
  }
  try {
    const database = await openStore(store.location);
    try {
      await migrateToLatest(database.db, `The database ${database.location}`);
    } finally {
      await database.close();
    }
  } finally {
    await store.release();
  }
}

/** How the database's schema compares with this build's: migration names sort in the order they apply. */
async function schemaState(target: StoreTarget): Promise<'empty' | 'current' | 'older' | 'newer'> {
  const database = await openStore(storeLocation(target), { readonly: true });
  try {
    const tables = await database.db.introspection.getTables();
    if (!tables.some((t) => t.name === 'schema_migrations')) return tables.length === 0 ? 'empty' : 'older';
    const rows = await (database.db as unknown as Kysely<{ schema_migrations: { name: string } }>)
      .selectFrom('schema_migrations')
      .select('name')
      .execute();
    const applied = rows.map((r) => r.name).sort().at(-1) ?? '';
    if (applied < LATEST_MIGRATION) return 'older';
    return applied > LATEST_MIGRATION ? 'newer' : 'current';
  } finally {
    await database.close();
  }
}

/** The store, for messages: the data folder, or the PostgreSQL URL without its password. */
function where(target: StoreTarget): string {
  const location = storeLocation(target);
  return location.dialect === 'sqlite' ? dataFolder(target.dataDir).path : redactUrl(location.url);
}

/** The auth service over a database opened by `withAdminDatabase` (no API: its sessions go unused). */
export function adminAuthService(database: Database): AuthService {
  const db = database.db;
  return new AuthService({
    db,
    clock: systemClock,
    sessions: new SessionStore({ db, clock: systemClock, settings: () => DEFAULT_SETTINGS }),
    throttle: new LoginThrottle(systemClock),
  });
}
