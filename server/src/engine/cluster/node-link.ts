import type { PostgresSession } from '../../db/postgres-session.js';

/** The channel on which nodes ask each other to cancel a run. */
const CANCEL_CHANNEL = 'taskomatic_cancel';
/** The channel on which nodes relay what changed, for each other's changes feeds. */
const CHANGES_CHANNEL = 'taskomatic_changes';
/** The channel on which a node tells another of fires it handed to it. */
const HANDOFF_CHANNEL = 'taskomatic_handoff';

/**
 * What a node needs of the other nodes on its database, whichever the store. On PostgreSQL several nodes share
 * the database (postgres-session.ts); on SQLite the data folder's lock makes this node the only one, so every
 * other node it finds in the `nodes` table is a process that has stopped.
 */
export interface NodeLink {
  /** True when other nodes may claim at the same time: claims lock their rows and skip those others hold. */
  readonly shared: boolean;
  /** Runs `task` while no other node starts: which recovery a start does depends on who else is alive. */
  whileStarting<T>(task: () => Promise<T>): Promise<T>;
  /** Among `nodeIds`, the nodes whose process is gone. */
  gone(nodeIds: ReadonlyArray<string>): Promise<ReadonlySet<string>>;
  /** How far this process's clock is behind the database's (database minus local), with the reading's error. */
  clockOffset(): Promise<{ readonly offsetMs: number; readonly errorMs: number }>;
  /**
   * Records this node's heartbeat on a connection of its own (null: through the pool, as usual); false when
   * another node has taken over its work.
   */
  readonly heartbeat: ((nodeId: string, at: number, clockOffsetMs: number) => Promise<boolean>) | null;
  /** Asks the node running `bunchRunId` to cancel it (the request is also left on the run). */
  requestCancel(bunchRunId: number): Promise<void>;
  /** Hears cancel requests for runs (this node checks whether they are its own). */
  onCancelRequest(listener: (bunchRunId: number) => void): Promise<void>;
  /** Tells `node` of READY runs handed to it (committed with its id). */
  handOff(node: string, bunchRunIds: ReadonlyArray<number>): Promise<void>;
  /** Hears of READY runs other nodes handed to this one. */
  onHandOff(listener: (bunchRunIds: ReadonlyArray<number>) => void): Promise<void>;
  /** Sends a message to every node's change relay (this one's too). */
  sendChanges(payload: string): Promise<void>;
  /** Hears the change relay's messages. */
  onChanges(listener: (payload: string) => void): Promise<void>;
}

/** SQLite: this process is the only node. */
export const soloLink: NodeLink = {
  shared: false,
  whileStarting: (task) => task(),
  gone: async (nodeIds) => new Set(nodeIds),
  clockOffset: async () => ({ offsetMs: 0, errorMs: 0 }),
  heartbeat: null,
  requestCancel: async () => undefined,
  onCancelRequest: async () => undefined,
  handOff: async () => undefined,
  onHandOff: async () => undefined,
  sendChanges: async () => undefined,
  onChanges: async () => undefined,
};

/** PostgreSQL: nodes sharing the database, seen through node `self`'s own session. */
export function postgresLink(session: PostgresSession, self: string): NodeLink {
  return {
    shared: true,
    whileStarting: (task) => session.whileStarting(task),
    gone: (nodeIds) => session.gone(nodeIds),
    async clockOffset() {
      const reading = await session.databaseTime();
      // The database read its clock somewhere within the round trip: the middle is off by at most half of it.
      return { offsetMs: Math.round(reading.at - (reading.sentAt + reading.roundTripMs / 2)), errorMs: Math.ceil(reading.roundTripMs / 2) };
    },
    heartbeat: (nodeId, at, clockOffsetMs) => session.heartbeat(nodeId, at, clockOffsetMs),
    requestCancel: (bunchRunId) => session.notify(CANCEL_CHANNEL, String(bunchRunId)),
    onCancelRequest: (listener) =>
      session.listen(CANCEL_CHANNEL, (payload) => {
        const id = Number(payload);
        if (Number.isSafeInteger(id)) listener(id);
      }),
    handOff: (node, bunchRunIds) => session.notify(HANDOFF_CHANNEL, JSON.stringify([node, bunchRunIds])),
    onHandOff: (listener) =>
      session.listen(HANDOFF_CHANNEL, (payload) => {
        const message = parseJson(payload);
        if (!Array.isArray(message) || message[0] !== self || !Array.isArray(message[1])) return;
        listener((message[1] as unknown[]).filter((id): id is number => Number.isSafeInteger(id)));
      }),
    sendChanges: (payload) => session.notify(CHANGES_CHANNEL, payload),
    onChanges: (listener) => session.listen(CHANGES_CHANNEL, listener),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
