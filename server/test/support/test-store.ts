import { type Database, type Dialect, openStore } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { tempDataDir } from './harness.js';
import { createScratchDatabase } from './postgres.js';

/** A migrated store with nothing but the default data, for a test of the query layer without a server. */
export interface TestStore {
  readonly database: Database;
  /** Closes it and removes it (the folder, or gives the scratch database back). */
  dispose(): Promise<void>;
}

/** A SQLite file in a temporary folder, or a scratch PostgreSQL database, migrated to the latest schema. */
export async function openTestStore(dialect: Dialect): Promise<TestStore> {
  if (dialect === 'sqlite') {
    const folder = tempDataDir('taskomatic-store-');
    const database = await openStore({ dialect: 'sqlite', file: `${folder.path}/taskomatic.db` });
    await migrateToLatest(database.db);
    return { database, dispose: async () => (await database.close(), folder.remove()) };
  }
  const scratch = await createScratchDatabase();
  const database = await openStore({ dialect: 'postgres', url: scratch.url });
  await migrateToLatest(database.db);
  return { database, dispose: async () => (await database.close(), scratch.release()) };
}
