import type { Logger } from '../../logger.js';
import type { ChangeFeed, ChangeKind } from '../../services/change-feed.js';
import type { NodeLink } from './node-link.js';

/** A notice carries at most this much (PostgreSQL refuses payloads of 8000 bytes and more). */
const PAYLOAD_LIMIT = 7000;

type Relayed = readonly [kind: ChangeKind, id: number, action: string, orgId: number | null];

const KINDS: ReadonlySet<string> = new Set<ChangeKind>(['schedule', 'run', 'bunch', 'settings', 'user', 'org']);

/**
 * Relays the changes feed between nodes: what changes on one node (its runs, the edits made through it) is
 * sent to the others, gathered per turn of the event loop into as few notices as fit, and each node adds what
 * the others sent to its own feed. A client following any node sees the whole database change.
 */
export class ChangeRelay {
  readonly #link: NodeLink;
  readonly #feed: ChangeFeed;
  readonly #logger: Logger;
  readonly #nodeId: string;
  #queued: Relayed[] = [];
  #scheduled = false;

  constructor(deps: { link: NodeLink; feed: ChangeFeed; logger: Logger; nodeId: string }) {
    this.#link = deps.link;
    this.#feed = deps.feed;
    this.#logger = deps.logger;
    this.#nodeId = deps.nodeId;
  }

  /** Starts relaying: this node's changes go out, the others' come in. */
  async start(): Promise<void> {
    await this.#link.onChanges((payload) => this.#received(payload));
    this.#feed.onPublish = (kind, id, action, orgId) => {
      this.#queued.push([kind, id, action, orgId]);
      if (this.#scheduled) return;
      this.#scheduled = true;
      setImmediate(() => this.#send());
    };
  }

  #send(): void {
    this.#scheduled = false;
    const queued = this.#queued;
    this.#queued = [];
    let part: Relayed[] = [];
    let size = 0;
    const flush = (): void => {
      if (part.length === 0) return;
      this.#link
        .sendChanges(JSON.stringify([this.#nodeId, part]))
        .catch((error: unknown) => this.#logger.warn('could not relay changes to the other nodes', { error }));
      part = [];
      size = 0;
    };
    for (const change of queued) {
      const length = JSON.stringify(change).length + 1;
      if (size + length > PAYLOAD_LIMIT - this.#nodeId.length - 8) flush();
      part.push(change);
      size += length;
    }
    flush();
  }

  #received(payload: string): void {
    let message: unknown;
    try {
      message = JSON.parse(payload);
    } catch {
      return;
    }
    if (!Array.isArray(message) || message[0] === this.#nodeId || !Array.isArray(message[1])) return;
    for (const change of message[1] as unknown[]) {
      if (!Array.isArray(change)) continue;
      const [kind, id, action, orgId] = change as unknown[];
      if (typeof kind !== 'string' || !KINDS.has(kind) || typeof id !== 'number' || typeof action !== 'string') continue;
      this.#feed.publishFromPeer(kind as ChangeKind, id, action, typeof orgId === 'number' ? orgId : null);
    }
  }
}
