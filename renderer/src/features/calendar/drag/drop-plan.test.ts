import type { ScheduleInfo } from '@taskomatic/shared';
import { describe, expect, it } from 'vitest';
import { dropPlan } from './drop-plan';

const at = Date.parse('2026-12-01T02:30:00Z');
const target = at + 45 * 60_000;
const daily = { id: 3, version: 8, kind: 'cron', cron: '0 30 2 * * ?', timeZone: 'UTC' } as ScheduleInfo;

describe('dropPlan', () => {
  it('moves only this fire with the version read', () => {
    const plan = dropPlan(daily, { at, original: at }, target, 'only');
    expect(plan).toMatchObject({ ok: true, before: at, after: target, call: { method: 'schedules.moveOccurrence', request: { id: 3, version: 8, occurrence: new Date(at), to: new Date(target) } } });
  });

  it('shifts the cron for all, with the sentence', () => {
    const plan = dropPlan(daily, { at, original: at }, target, 'all');
    expect(plan).toMatchObject({ ok: true, before: '0 30 2 * * ?', after: '0 15 3 * * ?', call: { method: 'schedules.update', request: { id: 3, version: 8, cron: '0 15 3 * * ?' } } });
    expect(plan.ok && plan.sentence).toMatch(/03:15/);
    expect(plan.ok && plan.nextFires).toEqual([target, target + 86_400_000, target + 2 * 86_400_000]);
  });

  it('splits the series for this and following', () => {
    const plan = dropPlan(daily, { at, original: at }, target, 'following');
    expect(plan).toMatchObject({ ok: true, after: '0 15 3 * * ?', call: { method: 'schedules.split', request: { from: new Date(target), endBefore: new Date(at), cron: '0 15 3 * * ?' } } });
  });

  it('gives the reason when the cron cannot shift', () => {
    const odd = { ...daily, cron: '0 0 9 L * ?' } as ScheduleInfo;
    const plan = dropPlan(odd, { at, original: at }, at + 16 * 3_600_000, 'all');
    expect(plan.ok).toBe(false);
    expect(!plan.ok && plan.reason).toMatch(/midnight/);
  });

  it('moves a one-time schedule by its runAt', () => {
    const once = { id: 4, version: 1, kind: 'once', timeZone: 'UTC' } as ScheduleInfo;
    expect(dropPlan(once, { at, original: at }, target, 'once')).toMatchObject({ ok: true, call: { method: 'schedules.update', request: { id: 4, version: 1, runAt: new Date(target) } } });
  });
});
