import { describe, expect, it } from 'vitest';
import { auditApiFilter, auditFilterFromQuery, auditFilterProblem, auditFilterToQuery, isoToWallInput, wallInputToIso } from './audit-filters';

describe('audit filters in the URL', () => {
  it('reads what is set and drops what is empty or not a date', () => {
    expect(auditFilterFromQuery({ sat: 'x', actor: ' bob ', type: 'user', target: '', from: '2026-11-28T10:00:00Z', to: 'yesterday' })).toEqual({ actor: 'bob', targetType: 'user', from: '2026-11-28T10:00:00.000Z' });
  });

  it('writes back what it reads', () => {
    const filter = { actor: 'bob', targetId: '3', to: '2026-11-28T10:00:00.000Z' };
    expect(auditFilterFromQuery(Object.fromEntries(Object.entries(auditFilterToQuery(filter)).filter(([, v]) => v !== undefined)) as Record<string, string>)).toEqual(filter);
  });

  it('gives audit.list dates, and nothing for unset fields', () => {
    expect(auditApiFilter({ targetType: 'org', from: '2026-11-28T10:00:00.000Z' })).toEqual({ targetType: 'org', from: new Date('2026-11-28T10:00:00.000Z') });
  });

  it('refuses a range that ends before it starts', () => {
    expect(auditFilterProblem({ from: '2026-11-28T10:00:00.000Z', to: '2026-11-28T09:00:00.000Z' })).toMatch(/before/);
    expect(auditFilterProblem({ from: '2026-11-28T10:00:00.000Z' })).toBeUndefined();
  });
});

describe('wall times of the date inputs', () => {
  it('reads an input on the display zone wall clock, daylight saving included', () => {
    expect(wallInputToIso('2026-07-01T14:05', 'Europe/Prague')).toBe('2026-07-01T12:05:00.000Z');
    expect(wallInputToIso('2026-12-01T14:05', 'Europe/Prague')).toBe('2026-12-01T13:05:00.000Z');
    expect(wallInputToIso('2026-12-01T14:05', 'UTC')).toBe('2026-12-01T14:05:00.000Z');
    expect(wallInputToIso('14:05', 'UTC')).toBeUndefined();
  });

  it('shows an instant on that wall clock', () => {
    expect(isoToWallInput('2026-07-01T12:05:00.000Z', 'Europe/Prague')).toBe('2026-07-01T14:05');
    expect(isoToWallInput(undefined, 'UTC')).toBe('');
  });
});
