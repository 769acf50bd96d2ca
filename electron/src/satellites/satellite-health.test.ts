import { describe, expect, it } from 'vitest';
import { NotTaskomaticError } from './satellite-errors.js';
import { readHealth } from './satellite-health.js';

const ANSWER = {
  status: 'ok',
  version: '0.1.0',
  uptimeSeconds: 12,
  clock: '2026-11-28T10:00:01.500Z',
  database: { ok: true },
  scheduler: { running: true, schedules: 4, pendingRuns: 0, runsUnderWay: 1, nextFireAt: '2026-11-28T10:15:00.000Z' },
};

describe("reading a satellite's /health", () => {
  it('reads what the health dot shows, and the clock skew against the middle of the round trip', () => {
    expect(readHealth(ANSWER, Date.parse('2026-11-28T10:00:00.000Z'))).toEqual({
      status: 'ok',
      version: '0.1.0',
      uptimeSeconds: 12,
      clock: new Date('2026-11-28T10:00:01.500Z'),
      clockSkewMs: 1_500,
      databaseOk: true,
      schedulerRunning: true,
      schedules: 4,
      runsUnderWay: 1,
      nextFireAt: new Date('2026-11-28T10:15:00.000Z'),
    });
    expect(readHealth({ ...ANSWER, scheduler: { ...ANSWER.scheduler, nextFireAt: null } }, 0)).not.toHaveProperty('nextFireAt');
  });

  it('says when the answer is not a Taskomatic server’s', () => {
    for (const body of [null, 'ok', {}, { ...ANSWER, clock: 'noon' }, { ...ANSWER, database: null }, { ...ANSWER, scheduler: undefined }]) {
      expect(() => readHealth(body, 0), JSON.stringify(body)).toThrow(NotTaskomaticError);
    }
  });
});
