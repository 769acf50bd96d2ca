import type { Kysely } from 'kysely';
import type { Tables } from '../../db/tables.js';
import type { Logger } from '../../logger.js';
import type { Clock } from '../clock.js';
import type { DepartedNode } from './adopt-runs.js';
import type { NodeLink } from './node-link.js';
import { claimTakeover, recordHeartbeat, registerNode, seeNodes } from './node-registry.js';

export interface NodeLifeDeps {
  readonly db: Kysely<Tables>;
  readonly link: NodeLink;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly nodeId: string;
  readonly version: string;
  /** A node silent this long is gone. */
  readonly timeoutMs: number;
  /** Told each new measure of this process's clock against the database's (database minus local). */
  readonly onClockOffset: (offsetMs: number, errorMs: number) => void;
}

/** The clock difference last measured, with the reading's error (half the round trip). */
export interface ClockReading {
  readonly offsetMs: number;
  readonly errorMs: number;
  readonly measuredAt: number;
}

/**
 * A node's life among the others: how it starts (alone, it recovers everything the last stop left behind; with
 * others alive, it takes over the work of those gone), its heartbeat with the clock measured against the
 * database's, and the takeover of the work of nodes that stop heartbeating or whose process is gone. A node
 * that finds itself declared gone stops (it is fenced): the others have already taken over its work.
 */
export class NodeLife {
  readonly #deps: NodeLifeDeps;
  #clock: ClockReading = { offsetMs: 0, errorMs: 0, measuredAt: 0 };

  constructor(deps: NodeLifeDeps) {
    this.#deps = deps;
  }

  get clockReading(): ClockReading {
    return this.#clock;
  }

  /**
   * Registers this node. With no other node alive, `recoverAll` puts the whole database right (every node in the
   * table is gone, and is marked as taken over by this one); otherwise each departed node's work is taken over
   * through `adopt`. Starts are serialized across nodes, so two nodes starting together never both recover.
   */
  async start<R>(recoverAll: (lastAlive: number | null, now: number) => Promise<R>, adopt: (node: DepartedNode) => Promise<unknown>): Promise<R | null> {
    const { db, link, clock, nodeId, version, timeoutMs } = this.#deps;
    return link.whileStarting(async () => {
      await this.#measureClock();
      const now = clock.now();
      const seen = await seeNodes(db, link, nodeId, now, timeoutMs);
      await registerNode(db, nodeId, version, now, this.#clock.offsetMs);
      if (seen.alive.length > 0) {
        for (const node of seen.departed) await this.#takeOver(node, adopt);
        return null;
      }
      const crashed = seen.departed.filter((n) => !n.why.startsWith('stopped'));
      const lastAlive = crashed.length > 0 ? Math.max(...crashed.map((n) => n.lastAlive)) : null;
      const recovered = await recoverAll(lastAlive, now);
      for (const node of seen.departed) await claimTakeover(db, node, nodeId, now, link.shared);
      // Slots held and places in line of runs of gone nodes: those runs are over.
      await db.deleteFrom('task_slots').where('node_id', '<>', nodeId).execute();
      await db.deleteFrom('task_waits').where('node_id', '<>', nodeId).execute();
      return recovered;
    });
  }

  /** Measures the clock and records a heartbeat; false when this node has been declared gone. */
  async beat(): Promise<boolean> {
    await this.#measureClock();
    const { db, link, nodeId, clock } = this.#deps;
    return link.heartbeat ? link.heartbeat(nodeId, clock.now(), this.#clock.offsetMs) : recordHeartbeat(db, nodeId, clock.now(), this.#clock.offsetMs);
  }

  /** Takes over the work of every other node that is gone (each by exactly one node). */
  async reap(adopt: (node: DepartedNode) => Promise<unknown>): Promise<void> {
    const { db, link, clock, nodeId, timeoutMs } = this.#deps;
    if (!link.shared) return;
    const seen = await seeNodes(db, link, nodeId, clock.now(), timeoutMs);
    for (const node of seen.departed) await this.#takeOver(node, adopt);
  }

  async #takeOver(node: DepartedNode, adopt: (node: DepartedNode) => Promise<unknown>): Promise<void> {
    if (!(await claimTakeover(this.#deps.db, node, this.#deps.nodeId, this.#deps.clock.now(), this.#deps.link.shared))) return;
    await adopt(node);
  }

  async #measureClock(): Promise<void> {
    try {
      const { offsetMs, errorMs } = await this.#deps.link.clockOffset();
      this.#clock = { offsetMs, errorMs, measuredAt: this.#deps.clock.now() };
      this.#deps.onClockOffset(offsetMs, errorMs);
    } catch (error) {
      this.#deps.logger.warn('could not read the database clock; keeping the last measure', { error });
    }
  }
}
