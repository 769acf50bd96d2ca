import type { Logger } from '../../logger.js';
import type { Clock, TimerHandle } from '../clock.js';
import type { SharedSlots, SlotRequest } from './shared-slots.js';

/** How often the step at the head of a line asks again for a slot another node holds. */
const RETRY_MS = 500;

/** A step in line for a slot of its task, and what to do when it gets one or has to wait. */
export interface LineWaiter {
  readonly request: SlotRequest;
  /** It got a slot (a row in task_slots): it may run. */
  readonly taken: () => void;
  /**
   * It asked and all slots are held, or a step of some node has waited longer, or it is not first here: it
   * waits. With how many slots of its task are held, as last seen.
   */
  readonly refused: (held: number | null) => void;
}

/**
 * This node's steps waiting for slots of tasks with a parallel limit, when several nodes share the database:
 * per task, in order of their place in line (since when they have waited), and only the first asks the
 * database, again every half-second and at once when a slot is given back here. Since each node's first is its
 * longest waiting, the step that has waited longest on any node is always asking: nobody waits for nothing.
 */
export class SharedLine {
  readonly #slots: SharedSlots;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #lines = new Map<string, LineWaiter[]>();
  readonly #retries = new Map<string, TimerHandle>();
  readonly #asking = new Set<string>();
  /** Slots of each task held (on every node), as the last answer said. */
  readonly #held = new Map<string, number>();

  constructor(deps: { slots: SharedSlots; clock: Clock; logger: Logger }) {
    this.#slots = deps.slots;
    this.#clock = deps.clock;
    this.#logger = deps.logger;
  }

  /** Puts a step in line (here and in the database), in its place; the first in line asks at once. */
  add(waiter: LineWaiter): void {
    const { task } = waiter.request;
    const line = this.#lines.get(task) ?? [];
    const at = line.findIndex((w) => before(waiter.request, w.request));
    line.splice(at < 0 ? line.length : at, 0, waiter);
    this.#lines.set(task, line);
    if (line[0] !== waiter) {
      // Behind another: it waits. Said at once, unless an answer is on its way (which says how many run).
      if (!this.#asking.has(task)) waiter.refused(this.#held.get(task) ?? null);
      this.#slots.join(waiter.request).catch((error: unknown) => this.#logger.warn('could not join the line for a task slot', { task, error }));
    }
    this.#ask(task);
  }

  /** Takes a step out of line (it ended while waiting); the next one asks if it was first. */
  remove(taskRunId: number, task: string): void {
    const line = this.#lines.get(task);
    const index = line?.findIndex((w) => w.request.taskRunId === taskRunId) ?? -1;
    if (!line || index < 0) return;
    line.splice(index, 1);
    if (line.length === 0) this.#lines.delete(task);
    this.#slots.leave(taskRunId).catch((error: unknown) => this.#logger.warn('could not leave the line for a task slot', { task, error }));
    if (index === 0) this.#ask(task);
  }

  /** A slot of `task` was given back here: the first in line asks now rather than at its next try. */
  released(task: string): void {
    this.#ask(task);
  }

  #ask(task: string): void {
    if (this.#asking.has(task)) return;
    const first = this.#lines.get(task)?.[0];
    this.#retries.get(task)?.cancel();
    this.#retries.delete(task);
    if (!first) return;
    this.#asking.add(task);
    this.#slots
      .tryTake(first.request, this.#clock.now())
      .catch((error: unknown) => {
        this.#logger.warn('could not ask for a task slot; asking again', { task, error });
        return { taken: false, held: null };
      })
      .then(({ taken, held }) => {
        if (held !== null) this.#held.set(task, held);
        this.#asking.delete(task);
        const line = this.#lines.get(task);
        if (line?.[0] !== first) {
          // It left the line meanwhile (cancelled, past the postpone limit): the slot goes back.
          if (taken) this.#slots.giveBack(first.request.taskRunId).catch(() => undefined);
          this.#ask(task);
          return;
        }
        if (taken) {
          line.shift();
          if (line.length === 0) this.#lines.delete(task);
          first.taken();
          this.#ask(task);
          return;
        }
        for (const waiter of line) waiter.refused(held);
        this.#retries.set(task, this.#clock.setTimeout(() => this.#ask(task), RETRY_MS));
      });
  }
}

/** Place in line: the longer waiting first, then the older task run. */
function before(a: SlotRequest, b: SlotRequest): boolean {
  return a.since < b.since || (a.since === b.since && a.taskRunId < b.taskRunId);
}
