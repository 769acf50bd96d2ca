import { describe, expect, it } from 'vitest';
import type { CalendarItem } from '../calendar-items';
import { copyVerdictOf, isDraggable, verdictOf, type Catalog } from './drop-check';

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

  it('refuses another satellite without Ctrl, and checks a copy there by what is known while dragging', () => {
    expect(verdictOf(series[1]!, 'cron', day(1) + HOUR, NOW, series, undefined, undefined, 'sat-2').check).toMatchObject({ ok: false, code: 'other-satellite', reason: 'Another satellite: hold Ctrl to copy it there' });
    expect(copyVerdictOf(series[1]!, day(1) + HOUR, NOW, 'sat-admin', 'sat-2').check.ok).toBe(true);
    expect(copyVerdictOf(series[1]!, day(1) + HOUR, NOW, 'org-admin', 'sat-2').check).toMatchObject({ ok: false, code: 'copy', reason: 'You may not copy satellite-level work to sat-2.' });
    expect(copyVerdictOf({ ...series[1]!, orgId: 4 }, NOW - HOUR, NOW, 'org-admin', 'sat-2').check).toMatchObject({ ok: false, reason: 'That time has passed: a copy must run later.' });
  });

  it('warns of an exclusive task of the same satellite', () => {
    const other = fire(2, day(1) + HOUR);
    const { check, collisions } = verdictOf(series[1]!, 'cron', day(1) + HOUR - 5 * 60_000, NOW, [...series, other], undefined, catalog);
    expect(check.ok).toBe(true);
    expect(collisions.map((collision) => collision.text)).toEqual(['job-2 will be postponed until this run ends, about 5 min.']);
    expect(verdictOf(series[1]!, 'cron', day(1) + HOUR - 5 * 60_000, NOW, [...series, other], undefined, { ...catalog, parallelizable: new Set(['repo-sync']) }).collisions).toEqual([]);
  });
});

describe('verdictOf and bands', () => {
  // A schedule firing every 15 minutes is drawn as one band, but each of its fires runs, for 2 minutes each.
  const band = (byStatus?: Record<string, number>): CalendarItem => ({
    key: 's/b9', satelliteId: 's', kind: 'band', start: day(0), end: day(0) + 8 * HOUR + 2 * 60_000, tailEnd: day(0) + 8 * HOUR + 2 * 60_000, status: 'READY', scheduleId: 9, label: 'every-quarter', bunch: 'sync', locked: false,
    band: { count: 33, everySeconds: 900, last: day(0) + 8 * HOUR, ...(byStatus ? { byStatus } : {}) },
  });

  it('warns of a fire inside a band of the same exclusive task', () => {
    const onFire = verdictOf(series[0]!, 'cron', day(0) + HOUR + 15 * 60_000, NOW, [...series, band()], undefined, catalog).collisions;
    expect(onFire.map((collision) => [collision.with.start, collision.text])).toEqual([[day(0) + HOUR + 15 * 60_000, 'This run will be postponed until every-quarter ends, about 2 min.']]);
    // A drop starting 5 minutes before a fire, 10 minutes long, makes that fire wait for it.
    const before = verdictOf(series[0]!, 'cron', day(0) + HOUR + 10 * 60_000, NOW, [...series, band()], undefined, catalog).collisions;
    expect(before.map((collision) => collision.text)).toEqual(['every-quarter will be postponed until this run ends, about 5 min.']);
  });

  it('finds nothing between fires, past the band, or in a band of past runs', () => {
    expect(verdictOf(series[0]!, 'cron', day(0) + HOUR + 5 * 60_000, NOW, [...series, { ...band(), end: day(0) + 8 * HOUR + 60_000 }], undefined, catalog).collisions).toEqual([]);
    expect(verdictOf(series[0]!, 'cron', day(0) + 9 * HOUR, NOW, [...series, band()], undefined, catalog).collisions).toEqual([]);
    expect(verdictOf(series[0]!, 'cron', day(0) + HOUR + 15 * 60_000, NOW, [...series, band({ FINISHED: 33 })], undefined, catalog).collisions).toEqual([]);
  });
});

describe('isDraggable', () => {
  it('takes future occurrences only', () => {
    expect(isDraggable(series[0]!, NOW)).toBe(true);
    expect(isDraggable(fire(1, NOW - HOUR), NOW)).toBe(false);
    expect(isDraggable({ ...series[0]!, kind: 'run' }, NOW)).toBe(false);
  });
});
