import type { Clock, TimerHandle } from './clock.js';

interface PendingTimer {
  readonly at: number;
  readonly seq: number;
  readonly callback: () => void;
  cancelled: boolean;
}

/**
 * A clock for tests: time moves only when the test says so, and the timers due on the way fire in order.
 * `advance` lets promise callbacks run between timers, so code that awaits between steps behaves as it
 * would on the real clock.
 */
export class FakeClock implements Clock {
  #now: number;
  #seq = 0;
  #timers: PendingTimer[] = [];
  readonly #busy: Array<() => boolean> = [];

  constructor(start: number | string) {
    this.#now = typeof start === 'number' ? start : Date.parse(start);
  }

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    const timer: PendingTimer = { at: this.#now + Math.max(0, delayMs), seq: this.#seq++, callback, cancelled: false };
    this.#timers.push(timer);
    return { cancel: () => void (timer.cancelled = true) };
  }

  /**
   * Before time moves on, also waits while `busy` says so: work that takes real time, such as a database server
   * answering over a socket, completes before the next timer fires, as it would have on the real clock.
   */
  waitWhile(busy: () => boolean): void {
    this.#busy.push(busy);
  }

  /** Moves time forward by `ms`, firing every timer due on the way. */
  async advance(ms: number): Promise<void> {
    await this.advanceTo(this.#now + ms);
  }

  /** Moves time to `instant`, firing every timer due up to it, in order. */
  async advanceTo(instant: number | string): Promise<void> {
    const target = typeof instant === 'number' ? instant : Date.parse(instant);
    for (;;) {
      await this.#settle();
      const next = this.#nextDue(target);
      if (!next) break;
      this.#now = Math.max(this.#now, next.at);
      next.cancelled = true;
      next.callback();
    }
    this.#now = Math.max(this.#now, target);
    await this.#settle();
  }

  /**
   * Moves time forward at once without firing the timers on the way, as a clock step or a suspended machine
   * does; overdue timers fire at the next `advance`.
   */
  jump(ms: number): void {
    this.#now += ms;
  }

  /** Timers not yet fired nor cancelled. */
  get pendingTimers(): number {
    return this.#timers.filter((t) => !t.cancelled).length;
  }

  #nextDue(target: number): PendingTimer | undefined {
    this.#timers = this.#timers.filter((t) => !t.cancelled);
    let best: PendingTimer | undefined;
    for (const t of this.#timers) {
      if (t.at <= target && (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq))) best = t;
    }
    return best;
  }

  /**
   * Lets queued promise and I/O callbacks run: five rounds of the event loop in a row in which nothing registered
   * with `waitWhile` is busy (at most 30 s of real time). Rounds, not one look: work that hops through
   * `setImmediate` between two queries is idle for a round without being done.
   */
  async #settle(): Promise<void> {
    const deadline = Date.now() + 30_000;
    let quiet = 0;
    while (quiet < 5 && Date.now() < deadline) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      quiet = this.#busy.some((busy) => busy()) ? 0 : quiet + 1;
    }
  }
}
