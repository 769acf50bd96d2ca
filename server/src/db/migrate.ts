import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import * as schema from './migrations/0001-schema.js';
import * as defaultData from './migrations/0002-default-data.js';

/** Every migration, in order. Add new ones at the end; never edit one that has shipped. */
const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-schema': schema,
  '0002-default-data': defaultData,
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
export async function migrateToLatest(db: Kysely<any>): Promise<ReadonlyArray<string>> {
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
