import { describe, expect, it } from 'vitest';
import { isFiltered, matchesInApp, NO_FILTER, parseRunsFilter, runsFilterKey, runsFilterQuery, satellitesOf, windowRange } from './runs-filter';
import { runAt } from './runs-test-support';

describe('runs filter and query string', () => {
  it('reads every filter from the query string and writes it back the same', () => {
    const query = {
      window: 'custom',
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-11-02T00:00:00.000Z',
      sat: 's1,s2',
      task: 'repo-sync',
      bunch: 'repo-sync-bunch',
      schedule: 's1:42',
      org: 'demo',
      status: 'FAILED,TIMED_OUT',
      trigger: 'manual',
    };
    const filter = parseRunsFilter(query);
    expect(filter).toEqual({
      window: 'custom',
      from: new Date('2026-11-01T00:00:00Z'),
      to: new Date('2026-11-02T00:00:00Z'),
      satellites: ['s1', 's2'],
      task: 'repo-sync',
      bunch: 'repo-sync-bunch',
      schedule: { satelliteId: 's1', scheduleId: 42 },
      org: 'demo',
      statuses: ['FAILED', 'TIMED_OUT'],
      triggers: ['manual'],
    });
    expect(runsFilterQuery(filter)).toEqual(query);
  });
  it('drops what it does not understand instead of guessing', () => {
    expect(parseRunsFilter({ window: 'fortnight', status: 'FAILED,BROKEN', trigger: 'whim', schedule: 's1:x', from: '2026-11-01' })).toEqual({ ...NO_FILTER, statuses: ['FAILED'] });
  });
  it('ignores from and to unless the window is custom', () => {
    expect(parseRunsFilter({ window: '24h', from: '2026-11-01T00:00:00Z' })).toEqual({ ...NO_FILTER, window: '24h' });
  });
  it('writes nothing for no filter, and gives equal filters the same key', () => {
    expect(Object.values(runsFilterQuery(NO_FILTER)).filter(Boolean)).toEqual([]);
    expect(isFiltered(NO_FILTER)).toBe(false);
    expect(runsFilterKey(parseRunsFilter({ status: 'FAILED' }))).toBe(runsFilterKey({ ...NO_FILTER, statuses: ['FAILED'] }));
    expect(isFiltered({ ...NO_FILTER, task: 'x' })).toBe(true);
  });
});

describe('what the filter asks of each satellite', () => {
  it('asks every satellite, the chosen ones, or the one of the schedule', () => {
    expect(satellitesOf(NO_FILTER, ['a', 'b'])).toEqual(['a', 'b']);
    expect(satellitesOf({ ...NO_FILTER, satellites: ['b'] }, ['a', 'b'])).toEqual(['b']);
    expect(satellitesOf({ ...NO_FILTER, schedule: { satelliteId: 'a', scheduleId: 1 } }, ['a', 'b'])).toEqual(['a']);
  });
  it('turns a window into a due-time range at a given now', () => {
    const now = Date.UTC(2026, 10, 28, 12);
    expect(windowRange(NO_FILTER, now)).toEqual({});
    expect(windowRange({ ...NO_FILTER, window: '24h' }, now)).toEqual({ from: new Date(Date.UTC(2026, 10, 27, 12)) });
    expect(windowRange({ ...NO_FILTER, window: 'custom', to: new Date(now) }, now)).toEqual({ to: new Date(now) });
  });
  it('filters triggers in the app', () => {
    expect(matchesInApp({ ...NO_FILTER, triggers: ['manual'] }, runAt(1, 0, { trigger: 'manual' }))).toBe(true);
    expect(matchesInApp({ ...NO_FILTER, triggers: ['manual'] }, runAt(1, 0))).toBe(false);
    expect(matchesInApp(NO_FILTER, runAt(1, 0))).toBe(true);
  });
});
