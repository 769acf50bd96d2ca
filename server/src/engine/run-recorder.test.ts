import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/support/dialects.js';
import { openTestStore, type TestStore } from '../../test/support/test-store.js';
import { LogStore } from '../logs/log-store.js';
import { createJsonLogger } from '../logger.js';
import type { BunchRunRecord } from './run-record.js';
import { RunRecorder } from './run-recorder.js';

function bunchRun(id: number, bunchId: number): BunchRunRecord {
  return {
    id,
    scheduleId: null,
    bunchId,
    bunchName: 'b',
    orgId: null,
    trigger: 'manual',
    status: 'FINISHED',
    statusReason: null,
    note: null,
    dueAt: 1,
    startedAt: 1,
    endedAt: 2,
    params: {},
    steps: [],
    firstStep: null,
    fireCount: 1,
    lastFireAt: null,
    requestedBy: 'test',
  };
}

describe.each(DIALECTS)('RunRecorder (%s)', (dialect) => {
  let store: TestStore | undefined;
  afterEach(async () => store?.dispose());

  it('sets aside a row the database refuses for good, writes the rest, and says which', async () => {
    store = await openTestStore(dialect);
    const database = store.database;
    const lines: string[] = [];
    const recorder = new RunRecorder(database.db, new LogStore(() => 0), createJsonLogger((l) => lines.push(l)), (e) => database.isTransientError(e));
    const bunch = await database.db.selectFrom('bunches').select('id').executeTakeFirstOrThrow();
    recorder.saveBunchRun(bunchRun(1, Number(bunch.id)));
    recorder.saveBunchRun(bunchRun(2, 999_999)); // no such bunch: a foreign key violation, every time
    recorder.saveBunchRun(bunchRun(3, Number(bunch.id)));
    await recorder.commit();
    const stored = await database.db.selectFrom('bunch_runs').select('id').orderBy('id').execute();
    expect(stored.map((r) => Number(r.id))).toEqual([1, 3]);
    expect(lines.join('')).toContain('"what":"bunch run 2"');
    expect(recorder.failing).toBe(false);
    // Later writes are not held back.
    recorder.saveBunchRun(bunchRun(4, Number(bunch.id)));
    await recorder.commit();
    expect((await database.db.selectFrom('bunch_runs').select('id').execute()).length).toBe(3);
  });
});
