import type { Clock, TimerHandle } from '../clock.js';

/**
 * This process's clock moved onto the database's: every node decides when a fire is due on one clock (the
 * database's), whatever its own clock says. The offset follows the measures (NodeLife) when they move by more
 * than their own error, and the time never goes back (a smaller offset holds the time until it catches up), so
 * a run recorded after another never seems to start before it ended. Waits are durations: they go through the
 * process's own timers unchanged.
 */
export class AlignedClock implements Clock {
  readonly #base: Clock;
  #offsetMs = 0;
  #last = Number.NEGATIVE_INFINITY;

  constructor(base: Clock) {
    this.#base = base;
  }

  /** Takes a new measure of the offset (database minus local), read with `errorMs` of uncertainty. */
  measured(offsetMs: number, errorMs: number): void {
    if (Math.abs(offsetMs - this.#offsetMs) > errorMs + 1) this.#offsetMs = offsetMs;
  }

  now(): number {
    const now = this.#base.now() + this.#offsetMs;
    if (now > this.#last) this.#last = now;
    return this.#last;
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    return this.#base.setTimeout(callback, delayMs);
  }
}
