import type { Dialect } from '../../src/db/connect.js';

/**
 * The stores every integration test of the store and the engine runs against, each on a real database: a
 * SQLite file in a temporary folder, and a scratch database on the test PostgreSQL server (postgres.ts).
 * Use as `describe.each(DIALECTS)('... (%s)', (dialect) => ...)`.
 */
export const DIALECTS: ReadonlyArray<Dialect> = ['sqlite', 'postgres'];
