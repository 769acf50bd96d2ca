import { describe, expect, it } from 'vitest';
import { FakeClock } from '../engine/fake-clock.js';
import { RecentAnswers } from './recent-answers.js';

describe('RecentAnswers', () => {
  it('computes a question asked many times at once only once, and again once the answer is old', async () => {
    const clock = new FakeClock(0);
    const recent = new RecentAnswers<number>(clock, 2000);
    let computed = 0;
    const compute = async () => ++computed;
    const answers = await Promise.all(Array.from({ length: 50 }, () => recent.get('week', compute)));
    expect(new Set(answers)).toEqual(new Set([1]));
    await clock.advance(2000);
    expect(await recent.get('week', compute)).toBe(1);
    await clock.advance(1);
    expect(await recent.get('week', compute)).toBe(2);
    expect(await recent.get('other week', compute)).toBe(3);
  });

  it('does not keep a failure', async () => {
    const recent = new RecentAnswers<number>(new FakeClock(0), 2000);
    await expect(recent.get('k', async () => Promise.reject(new Error('busy')))).rejects.toThrow('busy');
    expect(await recent.get('k', async () => 7)).toBe(7);
  });
});
