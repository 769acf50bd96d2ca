import { describe, expect, it } from 'vitest';
import { combineOptions } from './filter-options';

describe('combineOptions', () => {
  it('lists each name once across satellites, schedules by satellite then label, and org names by id', () => {
    const org = (id: number, name: string) => ({ id, name, createdAt: new Date(0) });
    const options = combineOptions([
      ['s1', { tasks: ['repo-sync', 'alpha'], bunches: ['b1'], orgs: [org(1, 'demo')], schedules: [{ id: 2, label: 'zeta', bunch: 'b1', ended: false }, { id: 1, label: 'alpha', bunch: 'b1', ended: true }] }],
      ['s2', { tasks: ['repo-sync'], bunches: ['b2', 'b1'], orgs: [org(5, 'demo'), org(6, 'lab')], schedules: [{ id: 9, label: 'beta', bunch: 'b2', ended: false }] }],
    ]);
    expect(options.tasks).toEqual(['alpha', 'repo-sync']);
    expect(options.bunches).toEqual(['b1', 'b2']);
    expect(options.orgs).toEqual(['demo', 'lab']);
    expect(options.schedules.map((s) => `${s.satelliteId}:${s.label}`)).toEqual(['s1:alpha', 's1:zeta', 's2:beta']);
    expect(options.orgNames.get('s2')?.get(6)).toBe('lab');
  });
});
