/** A task per key that runs at most once at a time and not more often than every `spacingMs`. */
export interface Coalesced {
  /** Runs the task for `key` now, or once more after the run under way (however many calls came meanwhile). */
  run(key: string): void;
}

/**
 * Coalesces calls per key: a busy satellite reports changes many times a second, and one read of its newest runs
 * covers them all. A call while the task runs (or during the pause after it) makes exactly one more run.
 */
export function coalesced(task: (key: string) => Promise<void>, spacingMs: number, wait: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms))): Coalesced {
  const busy = new Set<string>();
  const again = new Set<string>();
  const run = (key: string): void => {
    if (busy.has(key)) return void again.add(key);
    busy.add(key);
    void task(key)
      .catch(() => undefined)
      .then(() => wait(spacingMs))
      .then(() => {
        busy.delete(key);
        if (again.delete(key)) run(key);
      });
  };
  return { run };
}
