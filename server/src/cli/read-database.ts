import { existsSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { type Database, openStore } from '../db/connect.js';
import { LATEST_MIGRATION } from '../db/migrate.js';
import { dataFolder } from '../data-folder.js';
import { type StoreTarget, storeLocation } from '../store-target.js';
import { CliError } from './cli-error.js';

/**
 * Opens the store of a data folder (or the PostgreSQL database it names) for reading only, checks that its
 * schema is the one this build reads, runs `use`, and closes it. Reading works while a server runs on the same
 * store (SQLite's write-ahead log lets readers and the writer go on together; PostgreSQL's transactions see
 * what was committed). Nothing is ever created or migrated: a read command must not change a database that a
 * server of another version may own.
 */
export async function withReadDatabase<T>(target: StoreTarget, use: (database: Database) => Promise<T>): Promise<T> {
  const location = storeLocation(target);
  const folder = dataFolder(target.dataDir);
  if (location.dialect === 'sqlite' && !existsSync(location.file)) {
    throw new CliError(
      `no Taskomatic database in ${folder.path}; start the server once with --data ${folder.path}`,
    );
  }
  const database = await openStore(location, { readonly: true });
  try {
    await checkSchema(database, location.dialect === 'sqlite' ? folder.path : database.location, startOption(target, database));
    return await use(database);
  } finally {
    await database.close();
  }
}

/**
 * Migration names sort in the order they apply, so the greatest applied name is the schema's version. An
 * older schema would make queries fail on missing columns; a newer one may mean something else by them.
 */
async function checkSchema(database: Database, path: string, start: string): Promise<void> {
  const tables = await database.db.introspection.getTables();
  if (!tables.some((table) => table.name === 'schema_migrations')) {
    throw new CliError(`${database.location} is not a Taskomatic database (it has no schema_migrations table)`);
  }
  const rows = await (database.db as unknown as Kysely<MigrationTables>)
    .selectFrom('schema_migrations')
    .select('name')
    .execute();
  const applied = rows.map((row) => row.name).sort().at(-1) ?? '(none)';
  if (applied < LATEST_MIGRATION) {
    throw new CliError(
      `the database in ${path} has an older schema (${applied}) than this taskomatic-server reads (${LATEST_MIGRATION}); ` +
        `start the server once with ${start} to migrate it (read commands never change the database)`,
    );
  }
  if (applied > LATEST_MIGRATION) {
    throw new CliError(
      `the database in ${path} was written by a newer taskomatic-server (schema ${applied}; this one reads up to ` +
        `${LATEST_MIGRATION}); use that version's command line`,
    );
  }
}

/** The option of `start` that names this store, for messages (a URL without its password). */
function startOption(target: StoreTarget, database: Database): string {
  return target.database === null ? `--data ${dataFolder(target.dataDir).path}` : `--database ${database.location}`;
}

/** Kysely's own bookkeeping table, which `Tables` leaves out. */
interface MigrationTables {
  schema_migrations: { name: string };
}
