import BetterSqlite3 from 'better-sqlite3';

/** Every row of every table of a SQLite file, by table name (rows in rowid or key order). */
export type DatabaseSnapshot = Record<string, ReadonlyArray<Record<string, unknown>>>;

/** Reads a whole database file (read-only), to compare what a refused start left behind. */
export function snapshotDatabase(file: string): DatabaseSnapshot {
  const raw = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    const tables = raw
      .prepare(`select name, sql from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`)
      .all() as Array<{ name: string; sql: string }>;
    const snapshot: DatabaseSnapshot = {};
    for (const { name, sql } of tables) {
      const order = /without rowid/i.test(sql) ? '1' : 'rowid';
      snapshot[name] = raw.prepare(`select * from "${name}" order by ${order}`).all() as Array<Record<string, unknown>>;
    }
    return snapshot;
  } finally {
    raw.close();
  }
}
