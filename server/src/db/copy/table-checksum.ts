import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Tables } from '../tables.js';
import type { CopiedTable } from './copied-tables.js';
import { keysetPages, type Row } from './keyset-pages.js';

/** What a table holds, summed up the same way on every dialect. */
export interface TableSummary {
  readonly table: string;
  readonly rows: number;
  /** 32 hex digits. */
  readonly checksum: string;
}

const MODULUS = 1n << 128n;

/**
 * Counts a table's rows and sums them up: each row becomes a canonical text (its columns by name, numbers in
 * decimal, text as JSON strings, bytes in hex, null), hashed with SHA-256; the checksum is the sum of the row
 * hashes' first 128 bits. A sum, not a hash of the rows in order, because the dialects may sort text keys
 * differently (PostgreSQL by the database's collation, SQLite by bytes): any changed, missing or extra row still
 * changes it.
 */
export async function summarizeTable(db: Kysely<Tables>, table: CopiedTable, pageSize = 1000): Promise<TableSummary> {
  let rows = 0;
  let sum = 0n;
  for await (const page of keysetPages(db, table, pageSize)) {
    for (const row of page) {
      rows++;
      const digest = createHash('sha256').update(canonicalRow(row)).digest();
      sum = (sum + BigInt(`0x${digest.subarray(0, 16).toString('hex')}`)) % MODULUS;
    }
  }
  return { table: table.name, rows, checksum: sum.toString(16).padStart(32, '0') };
}

/** One row as text that is the same whichever dialect it was read from. */
export function canonicalRow(row: Row): string {
  const columns = Object.keys(row).sort();
  return JSON.stringify(columns.map((column) => [column, canonicalValue(row[column])]));
}

function canonicalValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'bigint') return `n:${value.toString()}`;
  if (typeof value === 'string') return `s:${value}`;
  if (value instanceof Uint8Array) return `b:${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
  throw new TypeError(`cannot sum up a value of type ${typeof value}`);
}
