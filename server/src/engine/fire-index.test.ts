import { describe, expect, it } from 'vitest';
import { FireIndex } from './fire-index.js';

describe('FireIndex', () => {
  it('hands out due keys earliest first, up to the limit', () => {
    const index = new FireIndex();
    index.set(1, 300);
    index.set(2, 100);
    index.set(3, 200);
    index.set(4, 900);
    expect(index.takeDue(250, 10)).toEqual([
      { key: 2, at: 100 },
      { key: 3, at: 200 },
    ]);
    expect(index.takeDue(1000, 1)).toEqual([{ key: 1, at: 300 }]);
    expect(index.size).toBe(1);
    expect(index.peekTime()).toBe(900);
  });

  it('forgets the old time of a key that moved or was deleted', () => {
    const index = new FireIndex();
    index.set(1, 100);
    index.set(2, 150);
    index.set(1, 500);
    index.delete(2);
    expect(index.peekTime()).toBe(500);
    expect(index.takeDue(400, 10)).toEqual([]);
    expect(index.takeDue(500, 10)).toEqual([{ key: 1, at: 500 }]);
    expect(index.peekTime()).toBeUndefined();
  });

  it('stays correct through many random edits and compactions', () => {
    const index = new FireIndex();
    const truth = new Map<number, number>();
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 20_000; i++) {
      const key = Math.floor(random() * 500);
      if (random() < 0.2) {
        index.delete(key);
        truth.delete(key);
      } else {
        const at = Math.floor(random() * 1_000_000);
        index.set(key, at);
        truth.set(key, at);
      }
    }
    const expected = [...truth].map(([key, at]) => ({ key, at })).sort((a, b) => a.at - b.at || a.key - b.key);
    const taken = index.takeDue(Number.MAX_SAFE_INTEGER, 1_000_000);
    expect(taken.map((t) => t.at)).toEqual(expected.map((e) => e.at));
    expect(new Set(taken.map((t) => t.key))).toEqual(new Set(expected.map((e) => e.key)));
  });

  it('loads many entries at once', () => {
    const index = new FireIndex();
    index.load([
      [1, 30],
      [2, 10],
      [3, 20],
    ]);
    expect(index.takeDue(100, 10).map((t) => t.key)).toEqual([2, 3, 1]);
  });
});
