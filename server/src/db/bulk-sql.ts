import { CompiledQuery, type Kysely, sql } from 'kysely';
import type { Tables } from './tables.js';

/** Column type, for the casts that let every dialect type the parameters of a VALUES list. */
export type SqlType = 'bigint' | 'integer' | 'text';

/**
 * Statements that write many rows at once, as plain SQL text: multi-row INSERT (optionally ON CONFLICT DO
 * UPDATE) and UPDATE from a VALUES list, which SQLite and PostgreSQL both understand. The engine's recorder
 * writes thousands of rows a second with these; building them through the query builder row by row cost more
 * than running them. Texts depend only on the row count and on how the dialect writes a parameter, and rows go
 * in chunks of a fixed size, so the driver's statement cache serves repeated batches.
 */
export const BULK_CHUNK = 128;

/** How a dialect writes the parameter at a (0-based) position: `?` (SQLite) or `$1` (PostgreSQL). */
type Placeholders = { readonly key: string; readonly at: (index: number) => string };

const QUESTION_MARKS: Placeholders = { key: 'q', at: () => '?' };
const NUMBERED: Placeholders = { key: 'n', at: (index) => `$${index + 1}` };
const placeholdersByAdapter = new WeakMap<object, Placeholders>();

/** Asks the dialect's own query compiler how it writes a parameter (once per dialect instance). */
function placeholdersOf(db: Kysely<Tables>): Placeholders {
  const adapter = db.getExecutor().adapter;
  let style = placeholdersByAdapter.get(adapter);
  if (style === undefined) {
    const probe = sql`${0}`.compile(db).sql;
    if (probe === '?') style = QUESTION_MARKS;
    else if (probe === '$1') style = NUMBERED;
    else throw new Error(`bulk-sql: unknown parameter syntax '${probe}'`);
    placeholdersByAdapter.set(adapter, style);
  }
  return style;
}

const texts = new Map<string, string>();

function cached(key: string, build: () => string): string {
  let text = texts.get(key);
  if (text === undefined) {
    text = build();
    if (texts.size > 2000) texts.clear();
    texts.set(key, text);
  }
  return text;
}

/** `(p, p), (p, p)`: `rows` tuples of `width` parameters, each written by `item` from its column and position. */
function tuples(width: number, rows: number, item: (column: number, index: number) => string): string {
  const list: string[] = [];
  for (let row = 0; row < rows; row++) {
    list.push(`(${Array.from({ length: width }, (_, column) => item(column, row * width + column)).join(', ')})`);
  }
  return list.join(', ');
}

/** INSERT of `rows` rows; with `upsert`, a row whose `key` exists updates the `update` columns instead. */
export function insertRows(
  db: Kysely<Tables>,
  table: string,
  columns: ReadonlyArray<string>,
  values: ReadonlyArray<ReadonlyArray<unknown>>,
  upsert?: { readonly key: string; readonly update: ReadonlyArray<string> },
): CompiledQuery {
  const p = placeholdersOf(db);
  const text = cached(`i|${p.key}|${table}|${columns.join()}|${values.length}|${upsert ? `${upsert.key}|${upsert.update.join()}` : ''}`, () => {
    const head = `insert into ${table} (${columns.map(quote).join(', ')}) values ${tuples(columns.length, values.length, (_, index) => p.at(index))}`;
    if (!upsert) return head;
    const set = upsert.update.map((c) => `${quote(c)} = excluded.${quote(c)}`).join(', ');
    return `${head} on conflict (${quote(upsert.key)}) do update set ${set}`;
  });
  return CompiledQuery.raw(text, values.flat());
}

/**
 * UPDATE of existing rows from a VALUES list: the first column is the key, the others are set. Each value is
 * cast to its column's type so that dialects which type parameters by context can compare and assign them.
 */
export function updateRows(
  db: Kysely<Tables>,
  table: string,
  columns: ReadonlyArray<readonly [name: string, type: SqlType]>,
  values: ReadonlyArray<ReadonlyArray<unknown>>,
): CompiledQuery {
  const [key, ...set] = columns;
  if (!key) throw new Error('updateRows needs a key column');
  const p = placeholdersOf(db);
  const text = cached(`u|${p.key}|${table}|${columns.map((c) => c.join(':')).join()}|${values.length}`, () => {
    const names = columns.map(([name]) => quote(name)).join(', ');
    const list = tuples(columns.length, values.length, (column, index) => `cast(${p.at(index)} as ${columns[column]?.[1] ?? 'text'})`);
    const assignments = set.map(([name]) => `${quote(name)} = v.${quote(name)}`).join(', ');
    return `with v(${names}) as (values ${list}) update ${table} set ${assignments} from v where ${table}.${quote(key[0])} = v.${quote(key[0])}`;
  });
  return CompiledQuery.raw(text, values.flat());
}

/**
 * UPDATE that sets the same values on every row whose id is in `ids`; with `only`, just the rows in that status,
 * returning the ids it updated.
 */
export function setWhereIdIn(
  db: Kysely<Tables>,
  table: string,
  values: Readonly<Record<string, unknown>>,
  ids: ReadonlyArray<number>,
  only?: { readonly status: string; readonly returning: 'id' },
): CompiledQuery {
  const columns = Object.keys(values);
  const p = placeholdersOf(db);
  const text = cached(`s|${p.key}|${table}|${columns.join()}|${ids.length}|${only ? 'only' : ''}`, () => {
    const set = columns.map((c, index) => `${quote(c)} = ${p.at(index)}`).join(', ');
    const where = `"id" in (${ids.map((_, index) => p.at(columns.length + index)).join(', ')})`;
    return only
      ? `update ${table} set ${set} where ${where} and "status" = ${p.at(columns.length + ids.length)} returning "id"`
      : `update ${table} set ${set} where ${where}`;
  });
  return CompiledQuery.raw(text, [...Object.values(values), ...ids, ...(only ? [only.status] : [])]);
}

/**
 * Splits rows into chunks of `size`, then the rest in halving powers of two (64, 32, ... 1): a handful of
 * distinct statement texts per kind, whatever the batch sizes.
 */
export function* chunks<T>(rows: ReadonlyArray<T>, size = BULK_CHUNK): Generator<ReadonlyArray<T>> {
  let start = 0;
  for (let step = size; step >= 1; step = step === size ? highestPowerOfTwoBelow(size) : step / 2) {
    while (rows.length - start >= step) {
      yield rows.slice(start, start + step);
      start += step;
      if (step !== size) break;
    }
    if (start >= rows.length) return;
  }
}

function highestPowerOfTwoBelow(n: number): number {
  let p = 1;
  while (p * 2 < n) p *= 2;
  return p;
}

function quote(name: string): string {
  return `"${name}"`;
}
