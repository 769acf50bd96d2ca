import type { ScheduleInfo } from '@taskomatic/shared';
import { describe, expect, it } from 'vitest';
import { bunchParameters } from './bunch-parameters';
import { createRequest, draftOf, draftProblems, newDraft, updateRequest } from './editor-draft';
import { instantOfWallInput, wallInputOf } from './wall-time';

const NOW = Date.parse('2026-11-28T12:00:00Z');
const parameters = bunchParameters({ steps: [{ task: 'repo-sync' }] }, [
  {
    name: 'repo-sync',
    parameters: [
      { name: 'channel', type: 'string', required: true },
      { name: 'no-errata', type: 'boolean', required: false, default: false },
    ],
  },
]);

const stored: ScheduleInfo = {
  id: 7,
  label: 'demo-repo-sync-base',
  bunch: 'repo-sync-bunch',
  orgId: 1,
  org: 'demo-org',
  kind: 'cron',
  cron: '0 0 2 * * ?',
  timeZone: 'Europe/Prague',
  activeFrom: new Date('2026-12-01T08:00:00Z'),
  params: { channel: 'base', 'no-errata': true },
  overlapPolicy: 'QUEUE_ONE',
  misfirePolicy: 'SKIP',
  paused: false,
  version: 4,
  ended: false,
  exceptions: [],
  createdAt: new Date(0),
  updatedAt: new Date(0),
  createdBy: 'admin',
};

describe('wall time', () => {
  it("reads and writes field text on the schedule zone's wall clock", () => {
    expect(wallInputOf(new Date('2026-12-01T08:00:00Z'), 'Europe/Prague')).toBe('2026-12-01T09:00');
    expect(instantOfWallInput('2026-12-01T09:00', 'Europe/Prague')?.toISOString()).toBe('2026-12-01T08:00:00.000Z');
    expect(instantOfWallInput('2027-07-01T09:00', 'Europe/Prague')?.toISOString()).toBe('2027-07-01T07:00:00.000Z');
  });
  it('gives nothing for empty or malformed text or an unknown zone', () => {
    expect(instantOfWallInput('', 'UTC')).toBeUndefined();
    expect(instantOfWallInput('tomorrow', 'UTC')).toBeUndefined();
    expect(instantOfWallInput('2026-12-01T09:00', 'Mars/Olympus')).toBeUndefined();
    expect(wallInputOf(undefined, 'UTC')).toBe('');
  });
});

describe('drafts and requests', () => {
  it('reads a stored schedule into the form and sends it back unchanged', () => {
    const draft = draftOf(stored, parameters);
    expect(draft).toMatchObject({ label: 'demo-repo-sync-base', activeFrom: '2026-12-01T09:00', params: { channel: 'base', 'no-errata': 'true' }, overlapPolicy: 'QUEUE_ONE' });
    expect(updateRequest(draft, parameters, 7, 4)).toEqual({
      id: 7,
      version: 4,
      label: 'demo-repo-sync-base',
      cron: '0 0 2 * * ?',
      timeZone: 'Europe/Prague',
      activeFrom: new Date('2026-12-01T08:00:00Z'),
      params: { channel: 'base', 'no-errata': true },
      overlapPolicy: 'QUEUE_ONE',
      misfirePolicy: 'SKIP',
    });
  });

  it('creates a one-time schedule with its instant read in its zone, and the org of an org bunch', () => {
    const draft = { ...newDraft('America/New_York', 1), bunch: 'repo-sync-bunch', label: ' once ', kind: 'once' as const, runAt: '2026-12-24T18:00', params: { channel: 'updates' } };
    expect(createRequest(draft, parameters)).toEqual({
      label: 'once',
      bunch: 'repo-sync-bunch',
      orgId: 1,
      runAt: new Date('2026-12-24T23:00:00Z'),
      timeZone: 'America/New_York',
      params: { channel: 'updates' },
      overlapPolicy: 'SKIP',
      misfirePolicy: 'RUN_ONCE',
    });
  });
});

describe('draftProblems', () => {
  const context = { needsOrg: false, now: NOW };
  it('asks for a bunch, a label, a known zone and a cron', () => {
    expect(draftProblems({ ...newDraft('Nowhere/Atlantis'), cron: ' ' }, { ...context, needsOrg: true })).toEqual({
      bunch: 'Pick a bunch',
      org: 'Pick the org this schedule belongs to',
      label: 'A label is required',
      timeZone: expect.stringMatching(/time zone/),
      cron: 'A cron expression is required',
    });
  });
  it('refuses a one-time run in the past and bounds in the wrong order', () => {
    const draft = { ...newDraft('UTC'), bunch: 'b', label: 'x', kind: 'once' as const, runAt: '2026-11-28T11:00', activeFrom: '2026-12-02T00:00', activeTill: '2026-12-01T00:00' };
    expect(draftProblems(draft, context)).toEqual({ runAt: 'This time has passed; use Run now instead', activeTill: 'Must come after active from' });
  });
  it('says a bound once set cannot be removed through the API', () => {
    const draft = { ...draftOf(stored, parameters), activeFrom: '' };
    expect(draftProblems(draft, { ...context, read: stored }).activeFrom).toMatch(/Cannot be removed/);
  });
});
