import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connect.js';
import { openTestStore, type TestStore } from '../support/test-store.js';

/** A column as both dialects can be compared: name, a type family, nullability, a default. */
interface ColumnShape {
  readonly name: string;
  readonly family: string;
  readonly nullable: boolean;
  readonly hasDefault: boolean;
}

const FAMILY: Readonly<Record<string, string>> = { integer: 'integer', bigint: 'integer', int4: 'integer', int8: 'integer', text: 'text', blob: 'bytes', bytea: 'bytes' };

/**
 * Columns of every table. SQLite lets a primary key column that is not the row id hold NULL (a documented
 * quirk it keeps for compatibility) and reports it nullable; the app never writes one, so primary key columns
 * count as not nullable, as PostgreSQL has them.
 */
async function shapes(database: Database): Promise<Record<string, ColumnShape[]>> {
  const tables = await database.db.introspection.getTables();
  const keys = await primaryKeyColumns(database);
  return Object.fromEntries(
    tables
      .filter((t) => !t.name.startsWith('schema_migrations'))
      .map((t) => [
        t.name,
        t.columns
          .map((c) => ({
            name: c.name,
            family: FAMILY[c.dataType.toLowerCase()] ?? c.dataType,
            nullable: c.isNullable && !keys.has(`${t.name}.${c.name}`),
            hasDefault: c.hasDefaultValue,
          }))
          .sort((a, b) => a.name.localeCompare(b.name)),
      ])
      .sort(([a], [b]) => String(a).localeCompare(String(b))),
  );
}

async function primaryKeyColumns(database: Database): Promise<Set<string>> {
  const query =
    database.dialect === 'sqlite'
      ? sql<{ name: string }>`select m.name || '.' || p.name as name from sqlite_master m join pragma_table_info(m.name) p where m.type = 'table' and p.pk > 0`
      : sql<{ name: string }>`select k.table_name || '.' || k.column_name as name from information_schema.key_column_usage k
          join information_schema.table_constraints c on c.constraint_name = k.constraint_name and c.constraint_type = 'PRIMARY KEY'
          where k.table_schema = current_schema()`;
  return new Set((await query.execute(database.db)).rows.map((r) => r.name));
}

/** Tables whose id the database generates: AUTOINCREMENT in SQLite, an identity column in PostgreSQL. */
async function generatedIds(database: Database): Promise<string[]> {
  const query =
    database.dialect === 'sqlite'
      ? sql<{ name: string }>`select name from sqlite_master where type = 'table' and sql like '%autoincrement%'`
      : sql<{ name: string }>`select table_name as name from information_schema.columns where table_schema = current_schema() and is_identity = 'YES'`;
  return (await query.execute(database.db)).rows.map((r) => r.name).sort();
}

/** Indexes the migrations create by name (not those behind primary keys and unique columns). */
async function namedIndexes(database: Database): Promise<string[]> {
  const query =
    database.dialect === 'sqlite'
      ? sql<{ name: string }>`select name from sqlite_master where type = 'index' and sql is not null`
      : sql<{ name: string }>`select indexname as name from pg_indexes where schemaname = current_schema() and indexname not in (select conname from pg_constraint)`;
  return (await query.execute(database.db)).rows.map((r) => r.name).sort();
}

/** The same migrations give both stores the same schema: tables, columns, nullability, defaults, indexes. */
describe('schema parity between SQLite and PostgreSQL', () => {
  let sqlite: TestStore;
  let postgres: TestStore;
  beforeAll(async () => {
    [sqlite, postgres] = await Promise.all([openTestStore('sqlite'), openTestStore('postgres')]);
  });
  afterAll(async () => {
    await sqlite?.dispose();
    await postgres?.dispose();
  });

  it('has the same tables and columns, the same nullability and defaults, and the same named indexes', async () => {
    const [a, b] = await Promise.all([shapes(sqlite.database), shapes(postgres.database)]);
    expect(Object.keys(a)).toHaveLength(17);
    expect(b).toEqual(a);
    expect(await namedIndexes(postgres.database)).toEqual(await namedIndexes(sqlite.database));
    expect(await generatedIds(postgres.database)).toEqual(['audit_log', 'bunches', 'orgs', 'schedules', 'users']);
    expect(await generatedIds(sqlite.database)).toEqual(await generatedIds(postgres.database));
  });

  it('stores 64-bit values where SQLite declares bigint, and sorts text by its bytes as SQLite does', async () => {
    const pg = await postgres.database.db.introspection.getTables();
    const lite = await sqlite.database.db.introspection.getTables();
    for (const table of lite) {
      for (const column of table.columns.filter((c) => c.dataType.toLowerCase() === 'bigint')) {
        const twin = pg.find((t) => t.name === table.name)?.columns.find((c) => c.name === column.name);
        expect(twin?.dataType, `${table.name}.${column.name}`).toBe('int8');
      }
    }
    const db = postgres.database.db;
    await db.insertInto('orgs').values([{ name: 'apple', created_at: 0 }, { name: 'Banana', created_at: 0 }, { name: 'éclair', created_at: 0 }, { name: '_under', created_at: 0 }]).execute();
    const pgOrder = (await db.selectFrom('orgs').select('name').orderBy('name').execute()).map((r) => r.name);
    await sqlite.database.db.insertInto('orgs').values([{ name: 'apple', created_at: 0 }, { name: 'Banana', created_at: 0 }, { name: 'éclair', created_at: 0 }, { name: '_under', created_at: 0 }]).execute();
    const liteOrder = (await sqlite.database.db.selectFrom('orgs').select('name').orderBy('name').execute()).map((r) => r.name);
    expect(pgOrder).toEqual(['Banana', '_under', 'apple', 'éclair']);
    expect(pgOrder).toEqual(liteOrder);
  });
});
