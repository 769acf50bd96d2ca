import { describe, expect, it } from 'vitest';
import type { CalendarItem } from './calendar-items';
import { orgNameOf, orgOptions } from './org-options';

const item = (satelliteId: string, orgId: number | undefined): CalendarItem => ({ key: `${satelliteId}/${orgId}`, satelliteId, kind: 'occurrence', start: 0, end: 1, tailEnd: 1, status: 'READY', label: 'x', bunch: 'x', orgId, locked: false });

describe('org options', () => {
  const names = new Map([
    ['s1', new Map([[1, 'demo'], [2, 'ops']])],
    ['s2', new Map([[1, 'demo']])],
  ]);

  it('names each org as its satellites do, sorted by name', () => {
    expect(orgOptions([item('s1', 2), item('s2', 1), item('s1', 1), item('s1', undefined)], names)).toEqual([
      { id: 1, name: 'demo' },
      { id: 2, name: 'ops' },
    ]);
  });

  it('shows both names when one id means two orgs, and the id only while no name is known', () => {
    const other = new Map([...names, ['s3', new Map([[2, 'web']])]]);
    expect(orgOptions([item('s1', 2), item('s3', 2), item('s4', 7)], other)).toEqual([
      { id: 2, name: 'ops / web' },
      { id: 7, name: 'Org 7' },
    ]);
    expect(orgNameOf(names, 's1', undefined)).toBeUndefined();
  });
});
