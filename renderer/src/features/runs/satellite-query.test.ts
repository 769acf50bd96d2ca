import { describe, expect, it } from 'vitest';
import { NO_FILTER, SATELLITE_LEVEL } from './runs-filter';
import { listFilterOf, needsOrgList, orgScopeOf } from './satellite-query';

const satAdmin = { username: 'admin', role: 'sat-admin' } as const;
const orgAdmin = { username: 'ann', role: 'org-admin', orgId: 7, org: 'demo' } as const;
const orgs = [{ id: 3, name: 'demo', createdAt: new Date(0) }];

describe('orgScopeOf', () => {
  it('finds the org by name on each satellite for a satellite admin', () => {
    expect(orgScopeOf('demo', satAdmin, orgs)).toEqual({ kind: 'scope', orgId: 3 });
    expect(orgScopeOf('other', satAdmin, orgs)).toEqual({ kind: 'none', why: 'no org named other' });
    expect(orgScopeOf(SATELLITE_LEVEL, satAdmin, undefined)).toEqual({ kind: 'scope', satelliteOnly: true });
    expect(orgScopeOf(undefined, satAdmin, undefined)).toEqual({ kind: 'scope' });
  });
  it('gives an org admin their own org and nothing else', () => {
    expect(orgScopeOf('demo', orgAdmin, undefined)).toEqual({ kind: 'scope' });
    expect(orgScopeOf('other', orgAdmin, undefined).kind).toBe('none');
    expect(orgScopeOf(SATELLITE_LEVEL, orgAdmin, undefined).kind).toBe('none');
  });
  it('asks for the org list only when a name must be looked up', () => {
    expect(needsOrgList('demo', satAdmin)).toBe(true);
    expect(needsOrgList('demo', orgAdmin)).toBe(false);
    expect(needsOrgList(SATELLITE_LEVEL, satAdmin)).toBe(false);
    expect(needsOrgList(undefined, satAdmin)).toBe(false);
  });
});

describe('listFilterOf', () => {
  it('passes what the server filters and leaves triggers to the app', () => {
    const now = Date.UTC(2026, 10, 28, 12);
    const filter = { ...NO_FILTER, window: '1h' as const, task: 't', bunch: 'b', schedule: { satelliteId: 's', scheduleId: 9 }, statuses: ['FAILED' as const], triggers: ['manual' as const] };
    expect(listFilterOf(filter, { kind: 'scope', orgId: 3 }, now)).toEqual({ task: 't', bunch: 'b', scheduleId: 9, orgId: 3, statuses: ['FAILED'], from: new Date(now - 3_600_000) });
    expect(listFilterOf(NO_FILTER, { kind: 'scope', satelliteOnly: true }, now)).toEqual({ satelliteOnly: true });
  });
});
