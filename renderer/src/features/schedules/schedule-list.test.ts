import type { ScheduleInfo } from '@taskomatic/shared';
import { describe, expect, it } from 'vitest';
import type { SatelliteSlice } from '../../lib/per-satellite';
import { SATELLITE_LEVEL, facets, filterFromQuery, filterRows, mergeRows, orgLabel, queryOfFilter, sortRows } from './schedule-list';

const NOW = Date.parse('2026-11-28T12:00:00Z');

function schedule(id: number, label: string, extra: Partial<ScheduleInfo> = {}): ScheduleInfo {
  return {
    id,
    label,
    bunch: 'repo-sync-bunch',
    kind: 'cron',
    cron: '0 0 1 * * ?',
    cronDescription: 'At 01:00, every day',
    timeZone: 'UTC',
    params: {},
    overlapPolicy: 'SKIP',
    misfirePolicy: 'RUN_ONCE',
    paused: false,
    version: 1,
    ended: false,
    exceptions: [],
    createdAt: new Date(0),
    updatedAt: new Date(0),
    createdBy: 'admin',
    ...extra,
  };
}

const ready = (data: ReadonlyArray<ScheduleInfo>): SatelliteSlice<ReadonlyArray<ScheduleInfo>> => ({ status: 'ready', data, asOf: new Date(NOW) });
const satellites = [
  { id: 's1', name: 'sat-1' },
  { id: 's2', name: 'sat-2' },
  { id: 's3', name: 'sat-3' },
];

const rows = mergeRows(satellites, {
  s1: ready([
    schedule(1, 'nightly-base', { orgId: 1, org: 'demo', nextFireTime: new Date('2026-11-29T01:00:00Z') }),
    schedule(2, 'session-cleanup', { bunch: 'session-cleanup-bunch', cron: '0 0/15 * * * ?', cronDescription: 'Every 15 minutes', nextFireTime: new Date('2026-11-28T12:15:00Z') }),
  ]),
  s2: { status: 'error', data: [schedule(1, 'errata', { bunch: 'errata-cache-bunch', paused: true, pauseReason: 'mail server down' })], error: { kind: 'offline', message: 'offline' }, asOf: new Date(NOW - 60_000) },
  s3: { status: 'loading' },
});

describe('mergeRows', () => {
  it('puts every answered satellite in one list, with unique keys, greying the stale ones', () => {
    expect(rows.map((row) => row.key)).toEqual(['s1:1', 's1:2', 's2:1']);
    expect(rows.map((row) => row.stale)).toEqual([false, false, true]);
    expect(rows[2]?.satelliteName).toBe('sat-2');
  });
});

describe('filterRows', () => {
  const now = () => NOW;
  const labels = (filter: Parameters<typeof filterRows>[1]) => filterRows(rows, filter, now).map((row) => row.schedule.label);

  it('narrows by satellite, bunch, org and state', () => {
    expect(labels({ satellite: 's2' })).toEqual(['errata']);
    expect(labels({ bunch: 'session-cleanup-bunch' })).toEqual(['session-cleanup']);
    expect(labels({ org: 'demo' })).toEqual(['nightly-base']);
    expect(labels({ org: SATELLITE_LEVEL })).toEqual(['session-cleanup', 'errata']);
    expect(labels({ state: 'paused' })).toEqual(['errata']);
    expect(labels({ state: 'active' })).toEqual(['nightly-base', 'session-cleanup']);
  });

  it('finds every word anywhere: label, cron words, pause reason, satellite', () => {
    expect(labels({ text: 'MAIL sat-2' })).toEqual(['errata']);
    expect(labels({ text: '15 minutes' })).toEqual(['session-cleanup']);
    expect(labels({ text: 'demo nightly' })).toEqual(['nightly-base']);
    expect(labels({ text: 'nothing-like-this' })).toEqual([]);
  });

  it('finds overdue schedules on the satellite clock', () => {
    expect(labels({ state: 'overdue' })).toEqual([]);
    const later = () => Date.parse('2026-11-28T13:00:00Z');
    expect(filterRows(rows, { state: 'overdue' }, later).map((row) => row.schedule.label)).toEqual(['session-cleanup']);
  });
});

describe('sortRows', () => {
  it('sorts by next fire, those without one last', () => {
    expect(sortRows(rows, 'next').map((row) => row.schedule.label)).toEqual(['session-cleanup', 'nightly-base', 'errata']);
  });
  it('sorts by label, satellite or bunch', () => {
    expect(sortRows(rows, 'label').map((row) => row.schedule.label)).toEqual(['errata', 'nightly-base', 'session-cleanup']);
    expect(sortRows(rows, 'satellite').map((row) => row.key)).toEqual(['s1:1', 's1:2', 's2:1']);
    expect(sortRows(rows, 'bunch').map((row) => row.schedule.bunch)).toEqual(['errata-cache-bunch', 'repo-sync-bunch', 'session-cleanup-bunch']);
  });
});

describe('facets and labels', () => {
  it('lists the bunches and orgs present', () => {
    expect(facets(rows)).toEqual({ bunches: ['errata-cache-bunch', 'repo-sync-bunch', 'session-cleanup-bunch'], orgs: ['demo'] });
  });
  it('names the org, or says satellite', () => {
    expect(orgLabel({ orgId: 3, org: 'acme' })).toBe('acme');
    expect(orgLabel({ orgId: 3 })).toBe('org 3');
    expect(orgLabel({})).toBe('satellite');
  });
});

describe('query', () => {
  it('round-trips the filter and sort through the URL query', () => {
    const filter = { satellite: 's1', text: 'nightly', bunch: 'b', org: SATELLITE_LEVEL, state: 'paused' as const };
    const query = Object.fromEntries(Object.entries(queryOfFilter(filter, 'label')).filter((entry): entry is [string, string] => entry[1] !== undefined));
    expect(filterFromQuery(query)).toEqual({ filter, sort: 'label' });
  });
  it('ignores values it does not know', () => {
    expect(filterFromQuery({ state: 'sleeping', sort: 'colour' })).toEqual({ filter: {}, sort: 'next' });
  });
});
