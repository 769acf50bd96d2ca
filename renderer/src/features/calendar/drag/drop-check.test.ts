import { describe, expect, it } from 'vitest';
import type { CalendarItem } from '../calendar-items';
import { isDraggable, verdictOf, type Catalog } from './drop-check';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-11-30T08:00:00Z');
const fire = (id: number, at: number, bunch = 'sync', minutes = 10): CalendarItem => ({
  key: `s/o${id}@${at}`, satelliteId: 's', kind: 'occurrence', start: at, end: at + minutes * 60_000, tailEnd: at + minutes * 60_000, status: 'READY', scheduleId: id, label: `job-${id}`, bunch, locked: false,
});
const day = (n: number) => NOW + 2 * HOUR + n * 24 * HOUR;
const series = [fire(1, day(0)), fire(1, day(1)), fire(1, day(2))];
const catalog: Catalog = { tasksOfBunch: new Map([['sync', ['repo-sync']]]), parallelizable: new Set() };

describe('verdictOf', () => {
  it('allows a move between the neighbours and refuses one past the next fire', () => {
    expect(verdictOf(series[1]!, 'cron', day(1) + HOUR, NOW, series, undefined, undefined).check.ok).toBe(true);
    const past = verdictOf(series[1]!, 'cron', day(2) + HOUR, NOW, series, undefined, undefined).check;
    expect(past).toMatchObject({ ok: false, code: 'past-next-occurrence', limit: day(2) });
  });

  it('refuses the past, a locked block and the active window', () => {
    expect(verdictOf(series[0]!, 'cron', NOW - HOUR, NOW, series, undefined, undefined).check).toMatchObject({ ok: false, code: 'in-the-past' });
    expect(verdictOf({ ...series[0]!, locked: true }, 'cron', NOW + HOUR, NOW, series, undefined, undefined).check).toMatchObject({ ok: false, code: 'locked' });
    expect(verdictOf(series[0]!, 'cron', NOW + HOUR, NOW, series, { activeFrom: null, activeTill: NOW + HOUR }, undefined).check).toMatchObject({ ok: false, code: 'outside-active-window' });
  });

  it('warns of an exclusive task of the same satellite', () => {
    const other = fire(2, day(1) + HOUR);
    const { check, collisions } = verdictOf(series[1]!, 'cron', day(1) + HOUR - 5 * 60_000, NOW, [...series, other], undefined, catalog);
    expect(check.ok).toBe(true);
    expect(collisions.map((collision) => collision.text)).toEqual(['job-2 will be postponed until this run ends, about 5 min.']);
    expect(verdictOf(series[1]!, 'cron', day(1) + HOUR - 5 * 60_000, NOW, [...series, other], undefined, { ...catalog, parallelizable: new Set(['repo-sync']) }).collisions).toEqual([]);
  });
});

describe('isDraggable', () => {
  it('takes future occurrences only', () => {
    expect(isDraggable(series[0]!, NOW)).toBe(true);
    expect(isDraggable(fire(1, NOW - HOUR), NOW)).toBe(false);
    expect(isDraggable({ ...series[0]!, kind: 'run' }, NOW)).toBe(false);
  });
});
