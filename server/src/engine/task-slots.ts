/** A step waiting for its task to free up. */
export interface SlotWaiter {
  readonly taskRunId: number;
  readonly task: string;
}

/**
 * How many runs of each task are going, and who waits for one to end (PRODUCT.md, "Parallelizable"). A task
 * that is not parallelizable has one slot; `maxParallel` gives others a bound. Waiters are served in order of
 * arrival; nothing blocks while they wait.
 */
export class TaskSlots {
  readonly #running = new Map<string, number>();
  readonly #waiting = new Map<string, SlotWaiter[]>();

  /** Takes a slot when one is free and nobody is waiting ahead; false means the caller must wait. */
  tryAcquire(task: string, limit: number | null): boolean {
    const running = this.#running.get(task) ?? 0;
    if (limit !== null && (running >= limit || (this.#waiting.get(task)?.length ?? 0) > 0)) return false;
    this.#running.set(task, running + 1);
    return true;
  }

  /** Queues a waiter; it gets the slot from `release`. */
  wait(waiter: SlotWaiter): void {
    const queue = this.#waiting.get(waiter.task) ?? [];
    queue.push(waiter);
    this.#waiting.set(waiter.task, queue);
  }

  /**
   * Gives a slot back. Returns the waiter that takes it over (its slot is already counted), or null.
   */
  release(task: string, limit: number | null): SlotWaiter | null {
    const running = (this.#running.get(task) ?? 1) - 1;
    this.#running.set(task, running);
    const queue = this.#waiting.get(task);
    if (!queue || queue.length === 0 || (limit !== null && running >= limit)) return null;
    const next = queue.shift() as SlotWaiter;
    if (queue.length === 0) this.#waiting.delete(task);
    this.#running.set(task, running + 1);
    return next;
  }

  /** Removes a waiter (cancelled, skipped past the postpone limit). True when it was waiting. */
  remove(taskRunId: number, task: string): boolean {
    const queue = this.#waiting.get(task);
    const index = queue?.findIndex((w) => w.taskRunId === taskRunId) ?? -1;
    if (!queue || index < 0) return false;
    queue.splice(index, 1);
    if (queue.length === 0) this.#waiting.delete(task);
    return true;
  }

  /** Runs of `task` going now. */
  running(task: string): number {
    return this.#running.get(task) ?? 0;
  }
}
