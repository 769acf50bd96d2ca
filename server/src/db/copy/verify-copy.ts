import type { Database } from '../database.js';
import { COPIED_TABLES } from './copied-tables.js';
import { summarizeTable } from './table-checksum.js';

/** One table on both sides of a copy. */
export interface TableComparison {
  readonly table: string;
  readonly sourceRows: number;
  readonly targetRows: number;
  readonly sourceChecksum: string;
  readonly targetChecksum: string;
  readonly same: boolean;
}

/** Counts and sums up every copied table on both stores, the same way (table-checksum.ts), and compares them. */
export async function verifyCopy(source: Database, target: Database): Promise<ReadonlyArray<TableComparison>> {
  const comparisons: TableComparison[] = [];
  for (const table of COPIED_TABLES) {
    const [before, after] = await Promise.all([summarizeTable(source.db, table), summarizeTable(target.db, table)]);
    comparisons.push({
      table: table.name,
      sourceRows: before.rows,
      targetRows: after.rows,
      sourceChecksum: before.checksum,
      targetChecksum: after.checksum,
      same: before.rows === after.rows && before.checksum === after.checksum,
    });
  }
  return comparisons;
}
