import type { ScheduleInfo } from '@taskomatic/shared';
import { describe, expect, it } from 'vitest';
import type { CalendarItem } from '../calendar-items';
import { dropPlan } from './drop-plan';
import { plannedCallOf, queuedCallOf, queuedMoveOf, type QueuedMove } from './outbox-entry';
import { applySettlement, changesBetween, settlementOf, shownState } from './outbox-settle';

const HOUR = 3_600_000;
const queuedAt = Date.parse('2026-12-01T08:00:00Z');
const fireAt = Date.parse('2026-12-01T10:00:00Z');
const target = fireAt + HOUR;
const daily = { id: 3, version: 8, label: 'nightly', kind: 'cron', cron: '0 0 10 * * ?', timeZone: 'UTC', paused: false, ended: false, exceptions: [], updatedAt: new Date(queuedAt - HOUR) } as unknown as ScheduleInfo;
const item = { key: 'sat/o3@1', satelliteId: 'sat', kind: 'occurrence', start: fireAt, end: fireAt + 600_000, tailEnd: fireAt + 600_000, status: 'READY', scheduleId: 3, scheduleKind: 'cron', label: 'nightly', bunch: 'b', locked: false } as CalendarItem;

function queued(choice: 'only' | 'all' | 'following', to = target): QueuedMove {
  const plan = dropPlan(daily, { at: fireAt, original: fireAt }, to, choice);
  if (!plan.ok) throw new Error(plan.reason);
  return { ...queuedMoveOf(item, plan, daily, to, queuedAt), state: 'waiting' };
}

describe('settlementOf', () => {
  it('confirms a move the server already has (the call arrived before the connection dropped)', () => {
    const moved = { ...daily, version: 9, exceptions: [{ occurrence: new Date(fireAt), action: 'move', movedTo: new Date(target) }] } as ScheduleInfo;
    expect(settlementOf(queued('only'), moved, queuedAt + 60_000)).toEqual({ kind: 'confirmed' });
    expect(settlementOf(queued('all'), { ...daily, version: 9, cron: '0 0 11 * * ?' }, queuedAt + 60_000)).toEqual({ kind: 'confirmed' });
    expect(settlementOf(queued('following'), { ...daily, version: 9, activeTill: new Date(fireAt) }, queuedAt + 60_000)).toEqual({ kind: 'confirmed' });
    // A split that ended the series elsewhere is not this move.
    expect(settlementOf(queued('following'), { ...daily, version: 9, activeTill: new Date(target) }, queuedAt + 60_000)).toMatchObject({ kind: 'conflict' });
  });

  it('sends again when nothing changed since the move was planned and its times are ahead', () => {
    expect(settlementOf(queued('only'), daily, queuedAt + 60_000)).toEqual({ kind: 'resend' });
  });

  it('asks, never sends, when the new time or the fire it moves has passed', () => {
    expect(settlementOf(queued('only', fireAt - HOUR), daily, fireAt - 30 * 60_000)).toEqual({ kind: 'needs-decision', passed: 'target' });
    expect(settlementOf(queued('only'), daily, fireAt + 60_000)).toEqual({ kind: 'needs-decision', passed: 'occurrence' });
    expect(settlementOf(queued('only'), daily, target + 60_000)).toEqual({ kind: 'needs-decision', passed: 'both' });
  });

  it('is a conflict, with what changed, when the version moved on', () => {
    const renamed = { ...daily, version: 9, label: 'nightly-2', updatedAt: new Date(queuedAt + 1000) } as ScheduleInfo;
    expect(settlementOf(queued('only'), renamed, queuedAt + 60_000)).toEqual({ kind: 'conflict', conflict: { changes: [{ field: 'label', before: 'nightly', after: 'nightly-2' }], changedAt: queuedAt + 1000 } });
  });

  it('is a conflict when the schedule was deleted or ended', () => {
    expect(settlementOf(queued('only'), undefined, queuedAt)).toMatchObject({ kind: 'conflict', conflict: { changes: [{ field: 'schedule', after: 'deleted' }] } });
    expect(settlementOf(queued('only'), { ...daily, version: 9, ended: true, endReason: 'deleted by bob' }, queuedAt)).toMatchObject({ kind: 'conflict', conflict: { changes: [{ field: 'ended', after: 'deleted by bob' }] } });
  });
});

describe('applySettlement', () => {
  const one = queued('only');
  const other = { ...queued('all'), id: 'other' };

  it('removes a confirmed move and keeps the others', () => {
    expect(applySettlement([one, other], one.id, { kind: 'confirmed' })).toEqual([other]);
  });

  it('marks a move being sent again, or waiting for a decision, or in conflict', () => {
    expect(applySettlement([one], one.id, { kind: 'resend' })[0]?.state).toBe('sending');
    expect(applySettlement([one], one.id, { kind: 'needs-decision', passed: 'target' })[0]).toMatchObject({ state: 'needs-decision', passed: 'target' });
    const conflict = { changes: [{ field: 'cron', before: 'a', after: 'b' }] };
    const settled = applySettlement([one], one.id, { kind: 'conflict', conflict })[0];
    expect(settled).toMatchObject({ state: 'conflict', conflict });
    // A later resend forgets the conflict it came out of.
    expect(applySettlement([settled!], one.id, { kind: 'resend' })[0]?.conflict).toBeUndefined();
  });
});

describe('shownState', () => {
  it('shows a waiting move whose time passed as needing a decision before its satellite is back', () => {
    expect(shownState(queued('only'), queuedAt)).toBe('waiting');
    expect(shownState(queued('only'), target + 1)).toBe('needs-decision');
  });
});

describe('changesBetween', () => {
  it('names moved and skipped fires and a new cron', () => {
    const changed = { ...daily, cron: '0 30 10 * * ?', exceptions: [{ occurrence: new Date(fireAt + 86_400_000), action: 'skip' }] } as ScheduleInfo;
    const base = queued('only').basis;
    expect(changesBetween(base, changed)).toEqual([
      { field: 'cron', before: '0 0 10 * * ?', after: '0 30 10 * * ?' },
      { field: 'fire', at: fireAt + 86_400_000, before: 'as the series says', after: 'skipped' },
    ]);
  });
});

describe('queued calls', () => {
  it('keep the request through JSON, instants as ms', () => {
    const plan = dropPlan(daily, { at: fireAt, original: fireAt }, target, 'only');
    if (!plan.ok) throw new Error(plan.reason);
    const kept = JSON.parse(JSON.stringify(queuedCallOf(plan.call))) as ReturnType<typeof queuedCallOf>;
    expect(plannedCallOf(kept)).toEqual(plan.call);
  });
});
