import { randomBytes } from 'node:crypto';
import type { Clock, TimerHandle } from '../engine/clock.js';

/** What kind of thing changed. */
export type ChangeKind = 'schedule' | 'run' | 'bunch' | 'settings' | 'user' | 'org';

/** One change, as clients learn of it. */
export interface ChangeEvent {
  readonly seq: number;
  readonly kind: ChangeKind;
  readonly id: number;
  /** What happened, e.g. `update`, `pause`, or a run's new status. */
  readonly action: string;
  readonly at: number;
  /** The org it belongs to; null for satellite-level things. */
  readonly orgId: number | null;
}

/** An answer to `since`. */
export interface ChangesSince {
  readonly cursor: string;
  readonly changes: ReadonlyArray<ChangeEvent>;
  /** The cursor was from before a restart or too old: the client reloads everything. */
  readonly reset: boolean;
}

/**
 * The changes feed: a bounded journal of what changed, in memory, so clients stay current without reloading
 * everything. A cursor names this process (a restart resets clients) and a sequence number. Waiting callers
 * are woken by the next change; nothing polls.
 */
export class ChangeFeed {
  readonly #clock: Clock;
  readonly #capacity: number;
  readonly #epoch = randomBytes(4).toString('hex');
  #events: ChangeEvent[] = [];
  #seq = 0;
  #definitions = 0;
  readonly #waiters = new Set<() => void>();

  constructor(clock: Clock, capacity = 100_000) {
    this.#clock = clock;
    this.#capacity = capacity;
  }

  /** Told of every change made here (several nodes: relayed to the other nodes' feeds). */
  onPublish: ((kind: ChangeKind, id: number, action: string, orgId: number | null) => void) | null = null;

  /** Records a change made here and wakes the callers waiting for one. */
  publish(kind: ChangeKind, id: number, action: string, orgId: number | null): void {
    this.publishFromPeer(kind, id, action, orgId);
    this.onPublish?.(kind, id, action, orgId);
  }

  /** Records a change another node made (and relayed), as `publish` does. */
  publishFromPeer(kind: ChangeKind, id: number, action: string, orgId: number | null): void {
    if (kind !== 'run') this.#definitions++;
    this.#events.push({ seq: ++this.#seq, kind, id, action, at: this.#clock.now(), orgId });
    if (this.#events.length > this.#capacity * 1.25) this.#events = this.#events.slice(-this.#capacity);
    for (const wake of this.#waiters) wake();
    this.#waiters.clear();
  }

  /** Grows with every change that is not a run's (schedules, bunches, settings, users, orgs): a cache key. */
  get definitionsVersion(): number {
    return this.#definitions;
  }

  /**
   * Changes after `cursor` that `visible` lets through; when there are none, waits up to `waitMs` for some.
   * Without a cursor, answers at once with the current cursor and no changes.
   */
  async since(cursor: string | undefined, waitMs: number, visible: (event: ChangeEvent) => boolean): Promise<ChangesSince> {
    const from = this.#position(cursor);
    if (from === null) return { cursor: this.#cursor(), changes: [], reset: cursor !== undefined };
    let after = from;
    const deadline = this.#clock.now() + waitMs;
    for (;;) {
      const changes = this.#after(after).filter(visible);
      after = this.#seq;
      const remaining = deadline - this.#clock.now();
      if (changes.length > 0 || remaining <= 0) return { cursor: this.#cursor(), changes, reset: false };
      await this.#next(remaining);
    }
  }

  #cursor(): string {
    return `${this.#epoch}:${this.#seq}`;
  }

  /** The sequence number a cursor stands for, or null when it cannot be served (unknown, too old). */
  #position(cursor: string | undefined): number | null {
    if (cursor === undefined) return null;
    const [epoch, seqText] = cursor.split(':');
    const seq = Number(seqText);
    if (epoch !== this.#epoch || !Number.isSafeInteger(seq) || seq > this.#seq) return null;
    const oldest = this.#events[0]?.seq ?? this.#seq + 1;
    return seq + 1 < oldest ? null : seq;
  }

  #after(seq: number): ChangeEvent[] {
    const events = this.#events;
    // Sequence numbers are consecutive: find the first after `seq` by position.
    const first = events[0]?.seq;
    if (first === undefined) return [];
    return events.slice(Math.max(0, seq + 1 - first));
  }

  #next(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      let timer: TimerHandle | null = null;
      const wake = (): void => {
        timer?.cancel();
        this.#waiters.delete(wake);
        resolve();
      };
      this.#waiters.add(wake);
      timer = this.#clock.setTimeout(wake, timeoutMs);
    });
  }
}
