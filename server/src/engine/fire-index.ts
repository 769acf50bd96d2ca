/**
 * Next fire times by key (schedule id, or pending run id), earliest first: a binary min-heap with lazy
 * deletion; equal times come out in key order (ids grow with arrival). Changing or removing a key leaves its old heap entry behind; entries are checked against the
 * current time of their key when they surface. The scheduler looks at the head only, so the cost of a fire
 * does not grow with the number of schedules, and no timer object exists per schedule.
 */
export class FireIndex {
  #times: number[] = [];
  #keys: number[] = [];
  readonly #current = new Map<number, number>();

  /** Number of keys with a fire time. */
  get size(): number {
    return this.#current.size;
  }

  /** Sets (or moves) the fire time of `key`. */
  set(key: number, at: number): void {
    if (this.#current.get(key) === at) return;
    this.#current.set(key, at);
    this.#push(at, key);
    this.#compactIfStale();
  }

  /** Removes `key`. */
  delete(key: number): void {
    this.#current.delete(key);
    this.#compactIfStale();
  }

  /** The fire time of `key`, if any. */
  get(key: number): number | undefined {
    return this.#current.get(key);
  }

  /** Earliest fire time, or undefined when empty. */
  peekTime(): number | undefined {
    this.#dropStaleHead();
    return this.#times[0];
  }

  /** Removes and returns up to `limit` keys due at or before `until`, earliest first. */
  takeDue(until: number, limit: number): Array<{ key: number; at: number }> {
    const due: Array<{ key: number; at: number }> = [];
    while (due.length < limit) {
      this.#dropStaleHead();
      const at = this.#times[0];
      if (at === undefined || at > until) break;
      const key = this.#keys[0] as number;
      this.#pop();
      this.#current.delete(key);
      due.push({ key, at });
    }
    return due;
  }

  /** Builds the index from many entries at once (start-up): O(n) instead of n pushes. */
  load(entries: Iterable<readonly [key: number, at: number]>): void {
    for (const [key, at] of entries) {
      this.#current.set(key, at);
      this.#times.push(at);
      this.#keys.push(key);
    }
    for (let i = (this.#times.length >> 1) - 1; i >= 0; i--) this.#down(i);
  }

  #dropStaleHead(): void {
    while (this.#times.length > 0 && this.#current.get(this.#keys[0] as number) !== this.#times[0]) this.#pop();
  }

  /** Rebuilds when stale entries outnumber live ones, so edits cannot grow the heap without bound. */
  #compactIfStale(): void {
    if (this.#times.length < 1024 || this.#times.length < 2 * this.#current.size) return;
    const entries = [...this.#current];
    this.#times = [];
    this.#keys = [];
    this.#current.clear();
    this.load(entries);
  }

  #push(at: number, key: number): void {
    this.#times.push(at);
    this.#keys.push(key);
    this.#up(this.#times.length - 1);
  }

  #pop(): void {
    const lastTime = this.#times.pop() as number;
    const lastKey = this.#keys.pop() as number;
    if (this.#times.length > 0) {
      this.#times[0] = lastTime;
      this.#keys[0] = lastKey;
      this.#down(0);
    }
  }

  #up(i: number): void {
    const times = this.#times;
    const keys = this.#keys;
    const at = times[i] as number;
    const key = keys[i] as number;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(at, key, times[parent] as number, keys[parent] as number)) break;
      times[i] = times[parent] as number;
      keys[i] = keys[parent] as number;
      i = parent;
    }
    times[i] = at;
    keys[i] = key;
  }

  #down(i: number): void {
    const times = this.#times;
    const keys = this.#keys;
    const n = times.length;
    const at = times[i] as number;
    const key = keys[i] as number;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && before(times[child + 1] as number, keys[child + 1] as number, times[child] as number, keys[child] as number)) child++;
      if (!before(times[child] as number, keys[child] as number, at, key)) break;
      times[i] = times[child] as number;
      keys[i] = keys[child] as number;
      i = child;
    }
    times[i] = at;
    keys[i] = key;
  }
}

/** Heap order: earlier time first, then smaller key. */
function before(atA: number, keyA: number, atB: number, keyB: number): boolean {
  return atA < atB || (atA === atB && keyA < keyB);
}
