import { describe, expect, it } from 'vitest';
import { readySlice } from '../../lib/per-satellite';
import type { FleetData } from './fleet-facts';
import { MIN, NO_UPCOMING, run, satellite, schedule, T0 } from './fleet-test-data';
import { needsAttention } from './needs-attention';

const health = { status: 'ok' as const, version: '0.1.0', uptimeSeconds: 100, clock: new Date(T0), clockSkewMs: 0, databaseOk: true, schedulerRunning: true, schedules: 3, runsUnderWay: 1 };

const data: FleetData = {
  running: [run({ bunchRunId: 20, scheduleId: 2, scheduleLabel: 'nightly', status: 'RUNNING', startTime: new Date(T0 - 30 * MIN) })],
  problems: [
    run({ bunchRunId: 11, scheduleId: 1, scheduleLabel: 'broken', status: 'FAILED', dueTime: new Date(T0 - 10 * MIN) }),
    run({ bunchRunId: 10, scheduleId: 1, scheduleLabel: 'broken', status: 'TIMED_OUT', dueTime: new Date(T0 - 20 * MIN) }),
    run({ bunchRunId: 9, scheduleId: 3, scheduleLabel: 'hourly', status: 'MISSED', fireCount: 3, dueTime: new Date(T0 - 60 * MIN) }),
  ],
  problemsCapped: false,
  schedules: [schedule({ id: 4, label: 'late', nextFireTime: new Date(T0 - 5 * MIN) })],
  medianMs: { 2: 5 * MIN },
  ...NO_UPCOMING,
};

describe('needsAttention', () => {
  it('groups failures and missed fires by schedule, flags long and overdue runs, most urgent first', () => {
    const items = needsAttention([{ satellite: satellite({ id: 'a', health }), slice: readySlice(data) }], T0);
    expect(items.map((item) => [item.kind, item.title, item.bunchRunId ?? item.scheduleId])).toEqual([
      ['failed', 'broken', 11],
      ['long-running', 'nightly', 20],
      ['overdue', 'late', 4],
      ['missed', 'hourly', 9],
    ]);
    expect(items[0]?.detail).toBe('Failed 2 times in 24 h (last: failed)');
    expect(items[1]?.detail).toBe('Running for 30 min, usually 5 min');
    expect(items[3]?.detail).toContain('Missed 3 fires');
  });

  it('reads overdue against the satellite clock, not this computer', () => {
    const behind = { ...health, clockSkewMs: -10 * MIN };
    const items = needsAttention([{ satellite: satellite({ id: 'a', health: behind }), slice: readySlice({ ...data, problems: [], running: [] }) }], T0);
    expect(items.map((item) => item.kind)).toEqual(['satellite']);
    expect(items[0]?.detail).toBe('10 min behind this computer');
  });

  it('names satellite problems and greys what an offline satellite said before', () => {
    const items = needsAttention([{ satellite: satellite({ id: 'b', status: 'offline', lastSeen: new Date(T0 - MIN) }), slice: readySlice(data) }], T0);
    expect(items[0]).toMatchObject({ kind: 'satellite', title: 'Offline', stale: false });
    expect(items.slice(1).every((item) => item.stale)).toBe(true);
  });

  it('reports a stopped scheduler', () => {
    const items = needsAttention([{ satellite: satellite({ id: 'c', health: { ...health, schedulerRunning: false } }) }], T0);
    expect(items.map((item) => item.title)).toEqual(['Scheduler stopped']);
  });
});
