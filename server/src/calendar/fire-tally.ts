/**
 * Count, first, last and rhythm of a series of fire instants fed in ascending order, one by one or as runs of
 * evenly spaced fires: what a band says about a schedule without the fires being kept.
 */
export class FireTally {
  count = 0;
  first: number | null = null;
  last: number | null = null;
  /** The gap between consecutive fires: undefined before the second fire, null once two gaps differed. */
  #gap: number | null | undefined = undefined;

  /** One fire. */
  add(at: number): void {
    if (this.last !== null) this.#noteGap(at - this.last);
    this.first ??= at;
    this.last = at;
    this.count += 1;
  }

  /** `count` fires from `first` to `last`, `gap` apart (null: not evenly spaced). */
  addRun(first: number, last: number, count: number, gap: number | null): void {
    if (count === 1) {
      this.add(first);
      return;
    }
    if (this.last !== null) this.#noteGap(first - this.last);
    this.#noteGap(gap);
    this.first ??= first;
    this.last = last;
    this.count += count;
  }

  /** The interval in whole seconds when every gap is the same; null when irregular or fewer than two fires. */
  get everySeconds(): number | null {
    const gap = this.#gap;
    if (gap === undefined || gap === null || gap % 1000 !== 0) return null;
    return gap / 1000;
  }

  #noteGap(gap: number | null): void {
    if (this.#gap === undefined) this.#gap = gap;
    else if (this.#gap !== gap) this.#gap = null;
  }
}
