import type { Clock } from '../engine/clock.js';

/**
 * Answers kept for a short while by key, and calls under way shared: the same question asked by many clients at
 * once is computed once. Bounded: old entries go first.
 */
export class RecentAnswers<T> {
  readonly #clock: Clock;
  readonly #keepMs: number;
  readonly #limit: number;
  readonly #entries = new Map<string, { readonly at: number; readonly answer: Promise<T> }>();

  constructor(clock: Clock, keepMs: number, limit = 100) {
    this.#clock = clock;
    this.#keepMs = keepMs;
    this.#limit = limit;
  }

  get(key: string, compute: () => Promise<T>): Promise<T> {
    const now = this.#clock.now();
    const entry = this.#entries.get(key);
    if (entry && now - entry.at <= this.#keepMs) return entry.answer;
    const answer = compute();
    this.#entries.delete(key);
    this.#entries.set(key, { at: now, answer });
    // A failure is not kept: the next caller tries again.
    answer.catch(() => this.#entries.delete(key));
    while (this.#entries.size > this.#limit) this.#entries.delete(this.#entries.keys().next().value as string);
    return answer;
  }
}
