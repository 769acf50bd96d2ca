import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import * as schema from './migrations/0001-schema.js';
import * as defaultData from './migrations/0002-default-data.js';
import * as auth from './migrations/0003-auth.js';
import * as calendarIndex from './migrations/0004-calendar-index.js';
import * as cluster from './migrations/0005-cluster.js';

/** Every migration, in order. Add new ones at the end; never edit one that has shipped. */
const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-schema': schema,
  '0002-default-data': defaultData,
  '0003-auth': auth,
  '0004-calendar-index': calendarIndex,
  '0005-cluster': cluster,
};

const provider: MigrationProvider = { getMigrations: async () => ({ ...MIGRATIONS }) };

/** Latest schema version this build knows. */
export const LATEST_MIGRATION = Object.keys(MIGRATIONS).at(-1) as string;

/** Error for a database that could not be brought up to date; nothing after the failed step was applied. */
export class MigrationError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

/**
 * Brings the database to the latest schema, creating it when empty. Returns the names of the migrations it
 * applied. Refuses a database written by a newer build (unknown migrations), rather than guessing.
 */
export async function migrateToLatest(db: Kysely<any>, location = 'the database'): Promise<ReadonlyArray<string>> {
  const unknown = await unknownMigrations(db);
  if (unknown.length > 0) {
    throw new MigrationError(
      `${location} was written by a newer Taskomatic (it has migration ${unknown.join(', ')}, which this build ` +
        `(${LATEST_MIGRATION}) does not know); run that version or a newer one, or restore a backup made for this one`,
    );
  }
  const migrator = new Migrator({ db, provider, migrationTableName: 'schema_migrations', migrationLockTableName: 'schema_migrations_lock' });
  const { error, results } = await migrator.migrateToLatest();
  const applied = (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationError(
      failed ? `Migration ${failed} failed: ${reason}` : `Cannot migrate the database: ${reason}`,
      { cause: error },
    );
  }
  return applied;
}

/** Migrations recorded in the database that this build does not have (a newer build wrote it). */
async function unknownMigrations(db: Kysely<any>): Promise<string[]> {
  const tables = await db.introspection.getTables();
  if (!tables.some((t) => t.name === 'schema_migrations')) return [];
  const rows = await db.selectFrom('schema_migrations').select('name').execute();
  return rows.map((r: { name: string }) => r.name).filter((name) => !Object.hasOwn(MIGRATIONS, name));
}
