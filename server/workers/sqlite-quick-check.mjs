// Runs SQLite's quick_check on its own read-only connection, in a worker thread, so that checking a large
// database never holds the scheduler's event loop. Plain JavaScript: it runs as it is, from the sources and
// from the build alike.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
try {
  parentPort.postMessage({ result: String(db.pragma('quick_check', { simple: true })) });
} catch (error) {
  parentPort.postMessage({ error: error instanceof Error ? error.message : String(error) });
} finally {
  db.close();
}
