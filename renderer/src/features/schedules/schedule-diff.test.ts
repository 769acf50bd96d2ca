import type { ScheduleInfo } from '@taskomatic/shared';
import { describe, expect, it } from 'vitest';
import { scheduleChanges, sentValues } from './schedule-diff';

const read: ScheduleInfo = {
  id: 4,
  label: 'nightly',
  bunch: 'repo-sync-bunch',
  kind: 'cron',
  cron: '0 0 1 * * ?',
  timeZone: 'UTC',
  params: { channel: 'base', 'no-errata': false },
  overlapPolicy: 'SKIP',
  misfirePolicy: 'RUN_ONCE',
  paused: false,
  version: 3,
  ended: false,
  exceptions: [],
  createdAt: new Date('2026-11-01T00:00:00Z'),
  updatedAt: new Date('2026-11-20T00:00:00Z'),
  createdBy: 'admin',
};

describe('scheduleChanges', () => {
  it('finds nothing between equal versions, whatever the key order of the parameters', () => {
    expect(scheduleChanges(read, { ...read, params: { 'no-errata': false, channel: 'base' }, version: 4, updatedAt: new Date() })).toEqual([]);
  });

  it('lists each changed field with its value before and after', () => {
    const activeFrom = new Date('2026-12-01T00:00:00Z');
    const current = { ...read, cron: '0 30 2 * * ?', paused: true, pauseReason: 'maintenance', params: { channel: 'updates' }, activeFrom, version: 5 };
    expect(scheduleChanges(read, current)).toEqual([
      { field: 'cron', label: 'Cron', before: '0 0 1 * * ?', after: '0 30 2 * * ?' },
      { field: 'params', label: 'Parameters', before: 'channel=base, no-errata=false', after: 'channel=updates' },
      { field: 'activeFrom', label: 'Active from', before: undefined, after: activeFrom },
      { field: 'paused', label: 'Paused', before: 'no', after: 'yes' },
      { field: 'pauseReason', label: 'Pause reason', before: undefined, after: 'maintenance' },
    ]);
  });

  it('compares instants by time, not by object', () => {
    const runAt = new Date('2026-12-24T18:00:00Z');
    expect(scheduleChanges({ ...read, runAt }, { ...read, runAt: new Date(runAt.getTime()) })).toEqual([]);
  });

  it('counts skipped or moved occurrences', () => {
    const exceptions = [{ occurrence: new Date('2026-12-02T01:00:00Z'), action: 'skip' as const }];
    expect(scheduleChanges(read, { ...read, exceptions })).toEqual([{ field: 'exceptions', label: 'Skipped or moved occurrences', before: undefined, after: '1' }]);
  });
});

describe('sentValues', () => {
  it('shows what an update request would set, in the same words', () => {
    expect(sentValues({ id: 4, version: 3, label: 'nightly', cron: '0 0 2 * * ?', timeZone: 'UTC', params: { channel: 'base' }, overlapPolicy: 'SKIP' })).toEqual({
      label: 'nightly',
      kind: 'cron',
      cron: '0 0 2 * * ?',
      runAt: undefined,
      timeZone: 'UTC',
      params: 'channel=base',
      overlapPolicy: 'SKIP',
    });
  });
});
