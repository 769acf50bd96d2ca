import { statSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { DataFolderError, dataFolder, lockDataFolder } from '../src/data-folder.js';
import { type Harness, startHarness, tempDataDir } from './support/harness.js';

describe('data folder', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('is locked by the open lock, not by a pid: a stale pid of a live process does not block a start', async () => {
    const dir = tempDataDir();
    cleanups.push(dir.remove);
    const folder = dataFolder(dir.path);
    const release = lockDataFolder(folder);
    expect(() => lockDataFolder(folder)).toThrow(DataFolderError);
    expect(() => lockDataFolder(folder)).toThrow(`Another taskomatic-server (pid ${process.pid}) is running on ${folder.path}`);
    release();
    // After a reboot the pid file may name a process that now exists (here: pid 1); the lock is free.
    writeFileSync(folder.pidFile, '1\n');
    const again = lockDataFolder(folder);
    again();
  });

  it('keeps the database readable by the server user only', async () => {
    const h: Harness = await startHarness();
    cleanups.push(() => h.dispose());
    const mode = statSync(dataFolder(h.dataDir).databaseFile).mode & 0o777;
    expect(mode.toString(8)).toBe('600');
    const wal = statSync(`${dataFolder(h.dataDir).databaseFile}-wal`).mode & 0o777;
    expect(wal & 0o077).toBe(0);
  });
});
