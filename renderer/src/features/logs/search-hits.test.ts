import { describe, expect, it } from 'vitest';
import { countLabel, firstHitFrom, hitAt, indexOfHit, listedCount, type StreamHits, stepHit } from './search-hits';

const out: StreamHits = { stream: 'stdout', source: 'satellite', lines: [3, 10, 42], offsets: [30, 100, 420], total: 3, capped: false };
const err: StreamHits = { stream: 'stderr', source: 'loaded', lines: [1, 7], total: 2, capped: false };

describe('search hits across streams', () => {
  it('lists stdout then stderr', () => {
    expect(listedCount([out, err])).toBe(5);
    expect(hitAt([out, err], 1)).toEqual({ stream: 'stdout', line: 10, offset: 100 });
    expect(hitAt([out, err], 4)).toEqual({ stream: 'stderr', line: 7 });
    expect(hitAt([out, err], 5)).toBeUndefined();
    expect(indexOfHit([out, err], 'stderr', 7)).toBe(4);
    expect(indexOfHit([out, err], 'stderr', 8)).toBe(-1);
  });

  it('starts at the first match from where the reader is', () => {
    expect(firstHitFrom([out, err], 'stdout', 11)).toBe(2);
    expect(firstHitFrom([out, err], 'stderr', 2)).toBe(4);
    expect(firstHitFrom([out, err], 'stdout', 100)).toBe(0);
    expect(firstHitFrom([], 'stdout', 1)).toBe(-1);
  });

  it('steps forward and back, wrapping', () => {
    expect(stepHit(4, 5, 1)).toBe(0);
    expect(stepHit(0, 5, -1)).toBe(4);
    expect(stepHit(-1, 5, -1)).toBe(4);
    expect(stepHit(0, 0, 1)).toBe(-1);
  });

  it('counts "n of N", saying when the satellite listed only part', () => {
    expect(countLabel([out, err], 1)).toBe('2 of 5');
    expect(countLabel([{ ...out, total: 12_345, capped: true }], 0)).toBe('1 of 12,345 (first 3 listed)');
    expect(countLabel([], -1)).toBe('No matches');
  });
});
