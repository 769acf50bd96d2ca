import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/support/dialects.js';
import { openTestStore, type TestStore } from '../../test/support/test-store.js';
import type { Database } from '../db/connect.js';
import { searchLog } from './log-search.js';

describe.each(DIALECTS)('searchLog (%s)', (dialect) => {
  let store: TestStore;
  let database: Database;
  const lines = ['starting', 'a'.repeat(4000), 'ERROR: disk full', 'error: retrying', `${'='.repeat(3000)}>`, 'done'];

  beforeAll(async () => {
    store = await openTestStore(dialect);
    database = store.database;
    const db = database.db;
    const bunch = await db.selectFrom('bunches').select('id').executeTakeFirstOrThrow();
    await db.insertInto('bunch_runs').values({ id: 1, schedule_id: null, bunch_id: bunch.id, org_id: null, trigger: 'manual', status: 'FINISHED', status_reason: null, due_at: 0, started_at: 0, ended_at: 1, params: '{}', steps: '[]', fire_count: 1, last_fire_at: null, requested_by: null }).execute();
    await db.insertInto('task_runs').values({ id: 1, bunch_run_id: 1, position: 0, task: 'x', status: 'FINISHED', status_reason: null, created_at: 0, started_at: 0, ended_at: 1, exit_code: 0, pid: null }).execute();
    // Stored in chunks cut mid-line, as the log store writes them.
    const text = Buffer.from(`${lines.join('\n')}\n`);
    for (let offset = 0; offset < text.length; offset += 1000) {
      await db.insertInto('log_chunks').values({ task_run_id: 1, stream: 0, offset, written_at: 0, data: text.subarray(offset, offset + 1000) }).execute();
    }
  });
  afterAll(async () => store.dispose());

  it('finds lines across chunk boundaries with their line numbers and byte offsets', async () => {
    const found = await searchLog(database.db, 1, 'stdout', { query: 'error', regex: false, caseSensitive: false, limit: 10 });
    expect(found).toMatchObject({ total: 2, capped: false });
    expect(found.matches.map((m) => [m.line, m.text])).toEqual([
      [3, 'ERROR: disk full'],
      [4, 'error: retrying'],
    ]);
    expect(found.matches[0]?.offset).toBe(lines[0]!.length + 1 + lines[1]!.length + 1);
  });

  it('caps the list but counts every match', async () => {
    const found = await searchLog(database.db, 1, 'stdout', { query: 'e', regex: false, caseSensitive: false, limit: 1 });
    expect(found.matches).toHaveLength(1);
    expect(found.capped).toBe(true);
    expect(found.total).toBeGreaterThan(1);
  });

  it('runs patterns that backtrack exponentially in JavaScript in linear time, on long lines', async () => {
    // In JavaScript's engine each of these takes from seconds to years on a 4000-character line of 'a's or
    // '='s; here the whole search returns at once (a hang would fail the test by its timeout).
    for (const query of ['(a|a)*x', 'a*a*a*a*a*a*a*a*x', '(a+)+$', '(=|==)*!']) {
      const found = await searchLog(database.db, 1, 'stdout', { query, regex: true, caseSensitive: true, limit: 10 });
      expect({ query, total: found.total }).toEqual({ query, total: query === '(a+)+$' ? 1 : 0 });
    }
  });

  it('refuses what RE2 does not run, with the reason', async () => {
    await expect(searchLog(database.db, 1, 'stdout', { query: '(?=x)', regex: true, caseSensitive: true, limit: 10 })).rejects.toThrow(/RE2 syntax/);
  });
});
