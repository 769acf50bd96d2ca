import type { Kysely } from 'kysely';
import type { Tables } from './tables.js';

/** Tables whose ids the server assigns itself, so rows can reference each other before they are written. */
export type IdSequence = 'bunch_runs' | 'task_runs';

/**
 * Hands out ids from blocks reserved in the `id_blocks` table. A reservation is one small transaction, so
 * ids never repeat across restarts or between processes sharing the database, and the hot path takes an id
 * without touching the database. Gaps after a restart are expected.
 */
export class IdAllocator {
  readonly #db: Kysely<Tables>;
  readonly #blockSize: number;
  readonly #free = new Map<IdSequence, { next: number; end: number }>();
  readonly #refills = new Map<IdSequence, Promise<void>>();

  constructor(db: Kysely<Tables>, blockSize = 4096) {
    this.#db = db;
    this.#blockSize = blockSize;
  }

  /** Makes sure at least `count` ids of `sequence` can be taken without waiting. */
  async reserve(sequence: IdSequence, count: number): Promise<void> {
    while (this.available(sequence) < count) {
      let refill = this.#refills.get(sequence);
      if (!refill) {
        refill = this.#refill(sequence, Math.max(count, this.#blockSize)).finally(() => this.#refills.delete(sequence));
        this.#refills.set(sequence, refill);
      }
      await refill;
    }
  }

  /** Ids that can be taken now. */
  available(sequence: IdSequence): number {
    const block = this.#free.get(sequence);
    return block ? block.end - block.next : 0;
  }

  /** Takes one id; call `reserve` first. */
  take(sequence: IdSequence): number {
    const block = this.#free.get(sequence);
    if (!block || block.next >= block.end) {
      throw new Error(`No ${sequence} id reserved: reserve() must come before take()`);
    }
    const id = block.next++;
    if (block.end - block.next < this.#blockSize / 4 && !this.#refills.has(sequence)) {
      // Top up in the background so a burst rarely has to wait. A failure here is not lost: the next
      // reserve() that needs the ids refills again and reports it.
      this.reserve(sequence, this.#blockSize / 2).catch(() => undefined);
    }
    return id;
  }

  /**
   * Takes `count` consecutive ids at once (call `reserve` first), for work that takes ids across awaits, when
   * others may take ids meanwhile. `giveBack` returns the ones not used, when nobody has taken any since.
   */
  lease(sequence: IdSequence, count: number): IdLease {
    const block = this.#free.get(sequence);
    if (!block || block.end - block.next < count) {
      throw new Error(`Not enough ${sequence} ids reserved: reserve() must come before lease()`);
    }
    const first = block.next;
    block.next += count;
    let used = 0;
    return {
      take: () => {
        if (used >= count) throw new Error(`The lease of ${count} ${sequence} ids is used up`);
        return first + used++;
      },
      giveBack: () => {
        if (block.next === first + count && this.#free.get(sequence) === block) block.next = first + used;
      },
    };
  }

  async #refill(sequence: IdSequence, size: number): Promise<void> {
    const row = await this.#db
      .updateTable('id_blocks')
      .set((eb) => ({ next_id: eb('next_id', '+', size) }))
      .where('name', '=', sequence)
      .returning('next_id')
      .executeTakeFirstOrThrow();
    const end = Number(row.next_id);
    const block = this.#free.get(sequence);
    if (block && block.end === end - size) {
      block.end = end; // contiguous with what is left: extend
    } else {
      this.#free.set(sequence, { next: end - size, end });
    }
  }
}

/** Ids taken ahead of their use (see IdAllocator.lease). */
export interface IdLease {
  /** The next id of the lease. */
  take(): number;
  /** Returns the ids not taken, when none were taken from the allocator since the lease. */
  giveBack(): void;
}
