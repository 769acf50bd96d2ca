import { describe, expect, it } from 'vitest';
import { expectedDurationMs, findCollisions, type CalendarSchedule } from './collisions';

const T0 = Date.parse('2026-12-01T00:00:00Z');
const H = 3_600_000;
const MIN = 60_000;

function other(scheduleId: number, bunch: string, times: number[], extra: Partial<CalendarSchedule> = {}): CalendarSchedule {
  return { scheduleId, label: `s-${scheduleId}`, bunch, kind: 'cron', timeZone: 'UTC', locked: false, times: times.map((at) => new Date(at)), moved: [], ...extra };
}

const bunchTasks = new Map<string, ReadonlyArray<string>>([
  ['sat-sync-bunch', ['satellite-sync']],
  ['repo-sync-bunch', ['repo-sync']],
  ['errata-cache-bunch', ['errata-cache', 'errata-mailer']],
  ['mixed-bunch', ['noop', 'satellite-sync']],
]);
const exclusive = new Set(['satellite-sync', 'errata-cache', 'errata-mailer']);
const base = { bunchTasks, exclusive, fallbackMs: 5 * MIN };

describe('findCollisions', () => {
  it('finds my fires that meet a run of the same non-parallelizable task', () => {
    const others = [other(2, 'mixed-bunch', [T0 + 2 * H + 10 * MIN, T0 + 26 * H], { expectedSeconds: 1200 })];
    const collisions = findCollisions({ ...base, fires: [T0 + 2 * H, T0 + 26 * H + 10 * MIN, T0 + 50 * H], durationMs: 30 * MIN, bunch: 'sat-sync-bunch', others });
    expect(collisions).toEqual([{ task: 'satellite-sync', scheduleId: 2, label: 's-2', count: 2, mine: T0 + 2 * H, theirs: T0 + 2 * H + 10 * MIN }]);
  });

  it('ignores parallelizable tasks, other tasks, and the schedule being edited', () => {
    const fires = [T0 + H];
    expect(findCollisions({ ...base, fires, durationMs: H, bunch: 'repo-sync-bunch', others: [other(2, 'repo-sync-bunch', [T0 + H])] })).toEqual([]);
    expect(findCollisions({ ...base, fires, durationMs: H, bunch: 'sat-sync-bunch', others: [other(2, 'errata-cache-bunch', [T0 + H])] })).toEqual([]);
    expect(findCollisions({ ...base, fires, durationMs: H, bunch: 'sat-sync-bunch', scheduleId: 2, others: [other(2, 'sat-sync-bunch', [T0 + H])] })).toEqual([]);
  });

  it('does not count runs that end before mine starts or start after mine ends', () => {
    const others = [other(3, 'sat-sync-bunch', [T0, T0 + 2 * H], { expectedSeconds: 3600 })];
    expect(findCollisions({ ...base, fires: [T0 + H], durationMs: H, bunch: 'sat-sync-bunch', others })).toEqual([]);
  });

  it('uses the fallback duration when the calendar has no median', () => {
    const others = [other(3, 'sat-sync-bunch', [T0 + H - 4 * MIN])];
    expect(findCollisions({ ...base, fires: [T0 + H], durationMs: MIN, bunch: 'sat-sync-bunch', others })[0]?.count).toBe(1);
    expect(findCollisions({ ...base, fires: [T0 + H], durationMs: MIN, bunch: 'sat-sync-bunch', others, fallbackMs: MIN })).toEqual([]);
  });

  it('spells out a regular band, and takes an irregular one as busy throughout', () => {
    const regular = other(4, 'errata-cache-bunch', [], { band: { count: 1440, first: new Date(T0), last: new Date(T0 + 24 * H), everySeconds: 60 }, expectedSeconds: 5 });
    const mine = { fires: [T0 + 3 * H + 30_000], durationMs: 10_000, bunch: 'errata-cache-bunch' };
    expect(findCollisions({ ...base, ...mine, others: [regular] })).toEqual([]);
    expect(findCollisions({ ...base, ...mine, durationMs: 40_000, others: [regular] })[0]?.theirs).toBe(T0 + 3 * H + MIN);
    const irregular = other(5, 'errata-cache-bunch', [], { band: { count: 500, first: new Date(T0), last: new Date(T0 + 24 * H) } });
    expect(findCollisions({ ...base, ...mine, others: [irregular] })[0]?.count).toBe(1);
  });
});

describe('expectedDurationMs', () => {
  it("takes the schedule's own median, else the middle one of its bunch's schedules", () => {
    const schedules = [other(1, 'b', [], { expectedSeconds: 10 }), other(2, 'b', [], { expectedSeconds: 30 }), other(3, 'b', [], { expectedSeconds: 20 }), other(4, 'c', [])];
    expect(expectedDurationMs('b', schedules, 2)).toBe(30_000);
    expect(expectedDurationMs('b', schedules, undefined)).toBe(20_000);
    expect(expectedDurationMs('c', schedules, 4)).toBeUndefined();
  });
});
