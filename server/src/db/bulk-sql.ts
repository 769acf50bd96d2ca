import { CompiledQuery } from 'kysely';

/** Column type, for the casts that let every dialect type the parameters of a VALUES list. */
export type SqlType = 'bigint' | 'integer' | 'text';

/**
 * Statements that write many rows at once, as plain SQL text with `?` placeholders that both SQLite and
 * PostgreSQL (through its dialect) accept: multi-row INSERT (optionally ON CONFLICT DO UPDATE) and UPDATE from
 * a VALUES list. The engine's recorder writes thousands of rows a second with these; building them through
 * the query builder row by row cost more than running them. Texts depend only on the row count, and rows go
 * in chunks of a fixed size, so the driver's statement cache serves repeated batches.
 */
export const BULK_CHUNK = 128;

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

function tuples(width: number, rows: number, item: (column: number) => string): string {
  const one = `(${Array.from({ length: width }, (_, i) => item(i)).join(', ')})`;
  return Array.from({ length: rows }, () => one).join(', ');
}

/** INSERT of `rows` rows; with `upsert`, a row whose `key` exists updates the `update` columns instead. */
export function insertRows(
  table: string,
  columns: ReadonlyArray<string>,
  values: ReadonlyArray<ReadonlyArray<unknown>>,
  upsert?: { readonly key: string; readonly update: ReadonlyArray<string> },
): CompiledQuery {
  const text = cached(`i|${table}|${columns.join()}|${values.length}|${upsert ? `${upsert.key}|${upsert.update.join()}` : ''}`, () => {
    const head = `insert into ${table} (${columns.map(quote).join(', ')}) values ${tuples(columns.length, values.length, () => '?')}`;
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
  table: string,
  columns: ReadonlyArray<readonly [name: string, type: SqlType]>,
  values: ReadonlyArray<ReadonlyArray<unknown>>,
): CompiledQuery {
  const [key, ...set] = columns;
  if (!key) throw new Error('updateRows needs a key column');
  const text = cached(`u|${table}|${columns.map((c) => c.join(':')).join()}|${values.length}`, () => {
    const names = columns.map(([name]) => quote(name)).join(', ');
    const list = tuples(columns.length, values.length, (i) => `cast(? as ${columns[i]?.[1] ?? 'text'})`);
    const assignments = set.map(([name]) => `${quote(name)} = v.${quote(name)}`).join(', ');
    return `with v(${names}) as (values ${list}) update ${table} set ${assignments} from v where ${table}.${quote(key[0])} = v.${quote(key[0])}`;
  });
  return CompiledQuery.raw(text, values.flat());
}

/** UPDATE that sets the same values on every row whose id is in `ids`. */
export function setWhereIdIn(table: string, values: Readonly<Record<string, unknown>>, ids: ReadonlyArray<number>): CompiledQuery {
  const columns = Object.keys(values);
  const text = cached(`s|${table}|${columns.join()}|${ids.length}`, () => {
    const set = columns.map((c) => `${quote(c)} = ?`).join(', ');
    return `update ${table} set ${set} where "id" in (${ids.map(() => '?').join(', ')})`;
  });
  return CompiledQuery.raw(text, [...Object.values(values), ...ids]);
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
