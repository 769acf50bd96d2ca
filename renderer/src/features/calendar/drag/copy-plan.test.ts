import { describe, expect, it } from 'vitest';
import { copyLabel, copyPlan, copyRefusal, type CopySource, type CopyTarget } from './copy-plan';

const NOW = Date.parse('2026-11-30T08:00:00Z');
const AT = Date.parse('2026-11-30T13:05:00Z');
const source: CopySource = { label: 'nightly', bunch: 'repo-sync-bunch', params: { channel: 'base' }, org: 'demo-org', timeZone: 'Europe/Berlin' };
const target: CopyTarget = { name: 'sat-2', role: 'sat-admin', bunches: ['repo-sync-bunch'], orgs: [{ id: 7, name: 'demo-org' }] };

describe('copyLabel', () => {
  it('adds the copy time on the schedule zone wall clock', () => {
    expect(copyLabel('nightly', AT, 'Europe/Berlin')).toBe('nightly-copy-20261130-1405');
    expect(copyLabel('nightly', AT, 'Asia/Kathmandu')).toBe('nightly-copy-20261130-1850');
  });
});

describe('copyPlan', () => {
  it('creates a one-time schedule of the same bunch and params in the org of the same name', () => {
    expect(copyPlan(source, target, AT, NOW)).toEqual({
      ok: true,
      request: { label: 'nightly-copy-20261130-1405', bunch: 'repo-sync-bunch', runAt: new Date(AT), timeZone: 'Europe/Berlin', params: { channel: 'base' }, orgId: 7 },
    });
  });

  it('copies satellite-level work without an org', () => {
    const plan = copyPlan({ ...source, org: undefined }, { ...target, orgs: [] }, AT, NOW);
    expect(plan.ok && plan.request.orgId).toBeUndefined();
    expect(plan.ok && plan.request.label).toBe('nightly-copy-20261130-1405');
  });

  it('refuses when the bunch or the org is missing there', () => {
    expect(copyPlan(source, { ...target, bunches: ['other'] }, AT, NOW)).toEqual({ ok: false, reason: 'sat-2 has no bunch repo-sync-bunch.' });
    expect(copyPlan(source, { ...target, orgs: [{ id: 3, name: 'other-org' }] }, AT, NOW)).toEqual({ ok: false, reason: 'sat-2 has no org demo-org.' });
  });

  it('refuses an org admin copying satellite-level work, and a time passed', () => {
    expect(copyPlan({ ...source, org: undefined }, { ...target, role: 'org-admin' }, AT, NOW)).toEqual({ ok: false, reason: 'You may not copy satellite-level work to sat-2.' });
    expect(copyPlan(source, { ...target, role: 'org-admin' }, AT, NOW).ok).toBe(true);
    expect(copyPlan(source, target, NOW, NOW)).toEqual({ ok: false, reason: 'That time has passed: a copy must run later.' });
  });

  it('while dragging, refuses what is known without asking the satellite', () => {
    expect(copyRefusal(AT, NOW, false, undefined, 'sat-2')).toBe('Not signed in to sat-2: it cannot take a copy.');
    expect(copyRefusal(AT, NOW, false, 'org-admin', 'sat-2')).toBeNull();
  });
});
