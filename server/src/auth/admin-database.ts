import { existsSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { type Database, openSqlite } from '../db/connect.js';
import { LATEST_MIGRATION, migrateToLatest } from '../db/migrate.js';
import { DEFAULT_SETTINGS } from '../db/repos/settings-repo.js';
import { createPrivateFile, type DataFolder, dataFolder, DataFolderError, lockDataFolder } from '../data-folder.js';
import { systemClock } from '../engine/clock.js';
import { AuthService } from './auth-service.js';
import { LoginThrottle } from './login-throttle.js';
import { SessionStore } from './sessions.js';

/**
 * Opens a data folder's database to manage users and orgs from another process (the command line), runs
 * `use`, and closes it. Works beside a running server: SQLite's write-ahead log lets a second process write
 * (waiting on the busy timeout), and the folder's lock, which the server holds, is not needed. The lock is
 * taken only to create or migrate the database, which no running server may see half done: a new folder is
 * created and migrated; an older schema is migrated when no server runs on it (one that does is older than
 * this command line, and must be stopped first).
 */
export async function withAdminDatabase<T>(dataDir: string, use: (database: Database) => Promise<T>): Promise<T> {
  const folder = dataFolder(dataDir);
  if (!existsSync(folder.databaseFile)) {
    await migrateLocked(folder, 'create');
  } else {
    const state = await schemaState(folder);
    if (state === 'newer') {
      throw new DataFolderError(`the database in ${folder.path} was written by a newer taskomatic-server; use that version's command line`);
    }
    if (state === 'older') await migrateLocked(folder, 'migrate');
  }
  const database = openSqlite({ file: folder.databaseFile });
  try {
    return await use(database);
  } finally {
    await database.close();
  }
}

async function migrateLocked(folder: DataFolder, why: 'create' | 'migrate'): Promise<void> {
  let unlock: () => void;
  try {
    unlock = lockDataFolder(folder);
  } catch (error) {
    if (why === 'create' || !(error instanceof DataFolderError)) throw error;
    throw new DataFolderError(
      `the database in ${folder.path} has an older schema than this taskomatic-server (${LATEST_MIGRATION}), and an older ` +
        'server is running on it; stop that server and run this command again (it migrates the database), or use the command line of the running version',
      { cause: error },
    );
  }
  try {
    createPrivateFile(folder.databaseFile);
    const database = openSqlite({ file: folder.databaseFile });
    try {
      await migrateToLatest(database.db, `The database ${folder.databaseFile}`);
    } finally {
      await database.close();
    }
  } finally {
    unlock();
  }
}

/** How the database's schema compares with this build's: migration names sort in the order they apply. */
async function schemaState(folder: DataFolder): Promise<'current' | 'older' | 'newer'> {
  const database = openSqlite({ file: folder.databaseFile, readonly: true });
  try {
    const tables = await database.db.introspection.getTables();
    if (!tables.some((t) => t.name === 'schema_migrations')) return 'older';
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
