import { describe, expect, it } from 'vitest';
import { inverseOf } from './move-inverse';

describe('inverseOf', () => {
  it('puts a one-time run back with the new version', () => {
    expect(inverseOf({ kind: 'run-at', scheduleId: 7, version: 4, before: 1000 })).toEqual({ method: 'schedules.update', request: { id: 7, version: 4, runAt: new Date(1000) } });
  });

  it('puts the old cron back', () => {
    expect(inverseOf({ kind: 'cron', scheduleId: 7, version: 5, before: '0 0 3 * * ?' })).toEqual({ method: 'schedules.update', request: { id: 7, version: 5, cron: '0 0 3 * * ?' } });
  });

  it('restores a first move and re-moves a second one', () => {
    expect(inverseOf({ kind: 'occurrence', scheduleId: 7, version: 2, occurrence: 1000, previouslyAt: null })).toEqual({ method: 'schedules.restoreOccurrence', request: { id: 7, version: 2, occurrence: new Date(1000) } });
    const again = inverseOf({ kind: 'occurrence', scheduleId: 7, version: 3, occurrence: 1000, previouslyAt: 5000 });
    expect(again.method).toBe('schedules.moveOccurrence');
    expect(again.request).toMatchObject({ id: 7, version: 3, occurrence: new Date(1000), to: new Date(5000) });
  });

  it('takes a split back in one call with both versions', () => {
    expect(inverseOf({ kind: 'split', scheduleId: 7, version: 6, continuedBy: 12, continuedByVersion: 1 })).toEqual({
      method: 'schedules.undoSplit',
      request: { id: 7, version: 6, continuedBy: 12, continuedByVersion: 1 },
    });
  });
});
