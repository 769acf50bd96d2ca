import { describe, expect, it } from 'vitest';
import type { CalendarItem } from '../calendar-items';
import type { QueuedMove } from './outbox-entry';
import { alternativeCall, alternativeOf } from './outbox-question';

const fireAt = Date.parse('2026-12-01T10:00:00Z');
const target = fireAt + 3_600_000;
const item = { key: 'k', satelliteId: 'sat', label: 'nightly', start: fireAt, end: fireAt + 1 } as CalendarItem;
const basis = { version: 4, label: 'nightly', timeZone: 'UTC', paused: false, exceptions: [], updatedAt: 0 };
const only: QueuedMove = {
  id: 'm',
  satelliteId: 'sat',
  item,
  choice: 'only',
  target,
  before: fireAt,
  after: target,
  call: { method: 'schedules.moveOccurrence', request: { id: 3, version: 4, occurrence: fireAt, to: target, reason: 'Moved on the calendar' } },
  basis,
  queuedAt: 0,
  state: 'needs-decision',
};

describe('alternativeOf', () => {
  it('offers what still makes sense, and nothing when both times passed or a split would start in the past', () => {
    expect(alternativeOf(only, 'target')?.kind).toBe('move-soon');
    expect(alternativeOf(only, 'occurrence')?.kind).toBe('run-at-target');
    expect(alternativeOf(only, 'both')).toBeUndefined();
    expect(alternativeOf({ ...only, choice: 'all' }, 'target')?.kind).toBe('send-anyway');
    expect(alternativeOf({ ...only, choice: 'following' }, 'target')).toBeUndefined();
  });
});

describe('alternativeCall', () => {
  const now = Date.parse('2026-12-01T11:20:30Z');

  it('moves the fire to the next whole minute at least a minute ahead', () => {
    expect(alternativeCall(only, 'move-soon', now)).toEqual({ method: 'schedules.moveOccurrence', request: { ...only.call.request, to: Date.parse('2026-12-01T11:22:00Z') } });
  });

  it('moves a one-time run by its runAt, with the version it was planned on', () => {
    const once: QueuedMove = { ...only, choice: 'once', call: { method: 'schedules.update', request: { id: 5, version: 2, runAt: target } } };
    expect(alternativeCall(once, 'move-soon', now)).toEqual({ method: 'schedules.update', request: { id: 5, version: 2, runAt: Date.parse('2026-12-01T11:22:00Z') } });
  });

  it('adds a run at the new time when the fire it moved has passed', () => {
    expect(alternativeCall(only, 'run-at-target', now)).toEqual({ method: 'schedules.runNow', request: { id: 3, at: target } });
  });
});
