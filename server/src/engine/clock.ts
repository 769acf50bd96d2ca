/** A scheduled callback that can be cancelled. */
export interface TimerHandle {
  cancel(): void;
}

/**
 * Time as an input: the engine and the runners read the time and wait through a Clock, so tests move a fake
 * clock instead of sleeping.
 */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Calls `callback` once `delayMs` have passed (at once when not positive). */
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
}

/** The real clock. Timers are unref'd: a pending timer alone never keeps the process alive. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(callback, delayMs) {
    // Node caps timers at 2^31-1 ms (24.8 days); longer waits re-arm.
    const max = 2_147_483_647;
    let handle: NodeJS.Timeout;
    const arm = (remaining: number): void => {
      handle = setTimeout(
        () => (remaining > max ? arm(remaining - max) : callback()),
        Math.max(0, Math.min(remaining, max)),
      );
      handle.unref();
    };
    arm(delayMs);
    return { cancel: () => clearTimeout(handle) };
  },
};
