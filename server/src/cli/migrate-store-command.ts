import { existsSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { type Database, openStore, type StoreLocation } from '../db/connect.js';
import { copyStore, StoreCopyError } from '../db/copy/copy-store.js';
import { verifyCopy } from '../db/copy/verify-copy.js';
import { dataFolder } from '../data-folder.js';
import { holdStore } from '../store-target.js';
import { CliError, EXIT_INVALID_INPUT } from './cli-error.js';
import { formatTable } from './table.js';

/** Options of `migrate-store`, as the program declares them. */
export interface MigrateStoreOptions {
  readonly from: string;
  readonly to: string;
  readonly replace?: boolean;
}

/**
 * `taskomatic-server migrate-store --from STORE --to STORE`: copies everything a store holds (schedules, runs,
 * logs, users, orgs, audit, settings, every table) into another one, typically a SQLite data folder into a
 * PostgreSQL database, then proves it: per table, the row count and a checksum computed the same way on both
 * sides. Both stores are held for the whole copy (no server may run on either: stop it first), and the copy
 * is one transaction of the target.
 */
export async function migrateStoreCommand(options: MigrateStoreOptions): Promise<void> {
  const from = endpoint(options.from, 'from');
  const to = endpoint(options.to, 'to');
  if (from.dialect === 'sqlite' && !existsSync(from.file)) throw new CliError(`--from: no Taskomatic database at ${from.file}`, { exitCode: EXIT_INVALID_INPUT });
  // Held as a server holds its store: no server may write to either while it is copied.
  const source = await holdStore(from);
  try {
    const target = await holdStore(to);
    try {
      await copyAndVerify(from, to, options.replace ?? false);
    } finally {
      await target.release();
    }
  } finally {
    await source.release();
  }
}

async function copyAndVerify(from: StoreLocation, to: StoreLocation, replace: boolean): Promise<void> {
  const source = await openStore(from, { readonly: true });
  let target: Database | undefined;
  try {
    target = await openStore(to);
    process.stdout.write(`copying ${source.location} (${source.dialect}) into ${target.location} (${target.dialect})\n`);
    const started = Date.now();
    try {
      await copyStore(source, target, { replace, onTable: (table, rows) => process.stdout.write(`  ${table}: ${rows} rows\n`) });
    } catch (error) {
      if (error instanceof StoreCopyError) throw new CliError(error.message, { exitCode: EXIT_INVALID_INPUT, cause: error });
      throw new CliError(`the copy failed and was rolled back (the target holds at most the empty schema; run again with --replace): ${(error as Error).message}`, { cause: error });
    }
    process.stdout.write(`copied in ${((Date.now() - started) / 1000).toFixed(1)} s; verifying\n`);
    const comparisons = await verifyCopy(source, target);
    process.stdout.write(
      formatTable(
        ['table', 'source rows', 'target rows', 'source checksum', 'target checksum', 'same'],
        comparisons.map((c) => [c.table, String(c.sourceRows), String(c.targetRows), c.sourceChecksum, c.targetChecksum, c.same ? 'yes' : 'NO']),
      ),
    );
    const different = comparisons.filter((c) => !c.same).map((c) => c.table);
    if (different.length > 0) throw new CliError(`the copy differs from the source in ${different.join(', ')}`);
    process.stdout.write(`verified: all ${comparisons.length} tables have the same rows on both sides\n`);
  } finally {
    await target?.close();
    await source.close();
  }
}

/** A store named on the command line: a PostgreSQL URL, or a data folder (or the taskomatic.db in one). */
function endpoint(text: string, option: 'from' | 'to'): StoreLocation {
  if (/^postgres(ql)?:\/\//i.test(text)) return { dialect: 'postgres', url: text };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    throw new CliError(`--${option}: '${text}' is neither a PostgreSQL URL nor a data folder`, { exitCode: EXIT_INVALID_INPUT });
  }
  const path = resolve(text);
  const isFile = existsSync(path) && statSync(path).isFile();
  if (isFile && basename(path) !== basename(dataFolder(dirname(path)).databaseFile)) {
    throw new CliError(`--${option}: give the data folder, or the ${basename(dataFolder(path).databaseFile)} in it`, { exitCode: EXIT_INVALID_INPUT });
  }
  return { dialect: 'sqlite', file: dataFolder(isFile ? dirname(path) : path).databaseFile };
}
