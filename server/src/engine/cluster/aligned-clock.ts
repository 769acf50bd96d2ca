import type { Clock, TimerHandle } from '../clock.js';

/**
 * This process's clock moved onto the database's: every node decides when a fire is due on one clock (the
 * database's), whatever its own clock says. The offset is the last measure (NodeLife); waits are durations, so
 * they go through the process's own timers unchanged.
 */
export class AlignedClock implements Clock {
  readonly #base: Clock;
  offsetMs = 0;

  constructor(base: Clock) {
    this.#base = base;
  }

  now(): number {
    return this.#base.now() + this.offsetMs;
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    return this.#base.setTimeout(callback, delayMs);
  }
}
