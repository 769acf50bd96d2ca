import { hostname } from 'node:os';
import { type Kysely, sql } from 'kysely';
import type { Tables } from '../../db/tables.js';
import type { DepartedNode } from './adopt-runs.js';
import type { NodeLink } from './node-link.js';

/** A node as the `nodes` table and the other nodes see it. */
export interface NodeState {
  readonly id: string;
  readonly hostname: string;
  readonly pid: number;
  readonly version: string;
  readonly startedAt: number;
  readonly heartbeatAt: number;
  readonly clockOffsetMs: number | null;
  readonly alive: boolean;
}

/** The nodes whose work nobody has taken over yet: those alive, and those gone whose work waits for a taker. */
export interface NodesSeen {
  readonly alive: ReadonlyArray<NodeState>;
  readonly departed: ReadonlyArray<DepartedNode>;
}

/**
 * Looks at the other nodes: a node is gone when it stopped, when its process is gone (its database session
 * ended: seen at once), or when it has not recorded a heartbeat for `timeoutMs` (a hung process, or a machine
 * cut off: its session may linger until the network gives up on it).
 */
export async function seeNodes(db: Kysely<Tables>, link: NodeLink, self: string, now: number, timeoutMs: number): Promise<NodesSeen> {
  const rows = await db.selectFrom('nodes').selectAll().where('id', '<>', self).where('taken_over_by', 'is', null).execute();
  const gone = await link.gone(rows.filter((r) => r.stopped_at === null).map((r) => r.id));
  const alive: NodeState[] = [];
  const departed: DepartedNode[] = [];
  for (const r of rows) {
    const heartbeatAt = Number(r.heartbeat_at);
    const why =
      r.stopped_at !== null
        ? 'stopped'
        : gone.has(r.id)
          ? 'is gone (its process ended)'
          : now - heartbeatAt > timeoutMs
            ? `stopped heartbeating (last heartbeat ${Math.round((now - heartbeatAt) / 1000)} s ago)`
            : null;
    if (why === null) alive.push(stateOf(r, true));
    else departed.push({ id: r.id, hostname: r.hostname, lastAlive: r.stopped_at === null ? heartbeatAt : Number(r.stopped_at), why });
  }
  return { alive, departed };
}

/** Records this node as started. */
export async function registerNode(db: Kysely<Tables>, self: string, version: string, now: number, clockOffsetMs: number): Promise<void> {
  await db
    .insertInto('nodes')
    .values({
      id: self,
      hostname: hostname(),
      pid: process.pid,
      version,
      started_at: now,
      heartbeat_at: now,
      stopped_at: null,
      taken_over_by: null,
      taken_over_at: null,
      clock_offset_ms: clockOffsetMs,
    })
    .execute();
}

/**
 * Records that this node is alive. False when another node has declared it gone and taken over its work: it
 * must not go on running anything.
 */
export async function recordHeartbeat(db: Kysely<Tables>, self: string, now: number, clockOffsetMs: number): Promise<boolean> {
  const result = await db
    .updateTable('nodes')
    .set({ heartbeat_at: now, clock_offset_ms: clockOffsetMs })
    .where('id', '=', self)
    .where('taken_over_by', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Claims the takeover of a departed node's work; false when another node got there first. */
export async function claimTakeover(db: Kysely<Tables>, node: DepartedNode, self: string, now: number, shared: boolean): Promise<boolean> {
  if (shared) {
    // A gone node may hold its row (a write it began as it hung): wait a little, then try at the next heartbeat.
    return db.transaction().execute(async (trx) => {
      await sql`set local lock_timeout = '2s'`.execute(trx);
      return takeover(trx, node, self, now);
    });
  }
  return takeover(db, node, self, now);
}

async function takeover(db: Kysely<Tables>, node: DepartedNode, self: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('nodes')
    .set((eb) => ({ taken_over_by: self, taken_over_at: now, stopped_at: eb.fn.coalesce('stopped_at', eb.val(node.lastAlive)) }))
    .where('id', '=', node.id)
    .where('taken_over_by', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Every node, newest first, for health checks: a node is alive while it heartbeats and nobody took over from it. */
export async function listNodes(db: Kysely<Tables>, now: number, timeoutMs: number, limit = 20): Promise<NodeState[]> {
  const rows = await db.selectFrom('nodes').selectAll().orderBy('started_at', 'desc').limit(limit).execute();
  return rows.map((r) => stateOf(r, r.stopped_at === null && r.taken_over_by === null && now - Number(r.heartbeat_at) <= timeoutMs));
}

function stateOf(r: Tables['nodes'], alive: boolean): NodeState {
  return {
    id: r.id,
    hostname: r.hostname,
    pid: Number(r.pid),
    version: r.version,
    startedAt: Number(r.started_at),
    heartbeatAt: Number(r.heartbeat_at),
    clockOffsetMs: r.clock_offset_ms === null ? null : Number(r.clock_offset_ms),
    alive,
  };
}

/** Error for a write by a node that another node has declared gone: its work is no longer its own. */
export class NodeFencedError extends Error {
  constructor(readonly nodeId: string, readonly takenOverBy: string) {
    super(`node ${nodeId} was declared gone and its work taken over by ${takenOverBy}: it writes nothing more`);
    this.name = 'NodeFencedError';
  }
}

/**
 * Guards a node's writes (PostgreSQL): inside the writing transaction, checks that no node has taken over from
 * this one, and locks its row until the transaction ends, so a takeover that starts meanwhile waits for the
 * write and then sees it. A node that hung past the timeout and wakes can therefore never overwrite what the
 * node that took over its work recorded.
 */
export async function ensureNotTakenOver(trx: Kysely<Tables>, self: string): Promise<void> {
  const row = await trx.selectFrom('nodes').select('taken_over_by').where('id', '=', self).forShare().executeTakeFirst();
  if (row && row.taken_over_by !== null) throw new NodeFencedError(self, row.taken_over_by);
}
