import { describe, expect, it } from 'vitest';
import { MINUTE_MS } from './calendar.js';
import type { LaneBlock } from './collisions.js';
import { findCollisions } from './collisions.js';

const t0 = Date.parse('2027-03-01T10:00:00Z');
const block = (id: string, label: string, startMin: number, minutes: number | null, tasks = ['repo-sync'], satelliteId = 'sat-1'): LaneBlock => ({
  id,
  label,
  satelliteId,
  tasks,
  start: t0 + startMin * MINUTE_MS,
  expectedSeconds: minutes === null ? null : minutes * 60,
});
const parallel = (task: string) => task === 'noop';

describe('findCollisions', () => {
  it('postpones the drop until a running non-parallelizable task ends', () => {
    const moving = block('a', 'nightly', 100, 5);
    const found = findCollisions(moving, t0 + 3 * MINUTE_MS, [block('b', 'repo-sync', 0, 15)], parallel);
    expect(found.map((c) => [c.postponed, c.waitMs / MINUTE_MS, c.text])).toEqual([
      ['dropped', 12, 'This run will be postponed until repo-sync ends, about 12 min.'],
    ]);
  });

  it('postpones the other block when the drop starts first', () => {
    const found = findCollisions(block('a', 'nightly', 100, 20), t0, [block('b', 'repo-sync', 10, 15)], parallel);
    expect(found[0]?.text).toBe('repo-sync will be postponed until this run ends, about 10 min.');
  });

  it('ignores parallelizable tasks, other tasks, other satellites, itself and blocks that do not overlap', () => {
    const moving = block('a', 'nightly', 100, 5);
    const lane = [
      block('a', 'itself', 0, 60),
      block('c', 'other task', 0, 60, ['satellite-sync']),
      block('d', 'elsewhere', 0, 60, ['repo-sync'], 'sat-2'),
      block('e', 'before', -30, 29),
      block('f', 'after', 5, 10),
    ];
    expect(findCollisions(moving, t0, lane, parallel)).toEqual([]);
    expect(findCollisions(block('a', 'x', 0, 5, ['noop']), t0, [block('b', 'y', 0, 5, ['noop'])], parallel)).toEqual([]);
  });

  it('counts a block without history as a minute, and orders collisions by start', () => {
    const found = findCollisions(block('a', 'nightly', 100, 90), t0, [block('c', 'late', 80, null), block('b', 'early', 30, 10)], parallel);
    expect(found.map((c) => c.with.id)).toEqual(['b', 'c']);
    expect(found[1]?.text).toBe('late will be postponed until this run ends, about 10 min.');
    expect(findCollisions(block('a', 'n', 0, 125), t0, [block('b', 'r', 5, 1)], parallel)[0]?.text).toMatch(/about 2 h$|about 2 h\.$/);
  });
});
