import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Settings } from '../db/repos/settings-repo.js';
import type { Tables } from '../db/tables.js';
import type { Clock } from '../engine/clock.js';
import { type Caller, isUserRole } from './caller.js';

export interface SessionStoreDeps {
  readonly db: Kysely<Tables>;
  readonly clock: Clock;
  /** Read at each use, so a changed `session_idle_minutes` applies at once. */
  readonly settings: () => Pick<Settings, 'session_idle_minutes'>;
}

export interface SessionStoreOptions {
  /** How long a resolved session is trusted before its row and its user are read again (default: 5 s). */
  readonly recheckMs: number;
  /** Least time between two writes of a session's last use (default: 60 s). */
  readonly touchIntervalMs: number;
  /** Sessions kept in memory at most (default: 10,000). */
  readonly maxCached: number;
}

const DEFAULT_OPTIONS: SessionStoreOptions = { recheckMs: 5000, touchIntervalMs: 60_000, maxCached: 10_000 };

/** A session key: 32 random bytes in base64url. Anything else is refused before any lookup. */
const KEY_PATTERN = /^[A-Za-z0-9_-]{43}$/;

interface Entry {
  readonly caller: Caller;
  /** The real last use; the row's `last_used_at` may be up to `touchIntervalMs` older. */
  lastUsedAt: number;
  writtenAt: number;
  readonly checkedAt: number;
}

/**
 * API sessions. The database keeps only the SHA-256 of each key, so a copy of it hands out no live session.
 * A session is valid while now < last use + idle time; each use slides that.
 *
 * To keep the API fast, a resolved session is answered from memory for `recheckMs`, and its last use is
 * written at most once per `touchIntervalMs`; the expiry checked is always the real one, from memory. Changes
 * made through this store (`deleteSession`, `deleteSessionsOfUser`, `forgetUser`) take effect at once; a
 * change made by another process (a row deleted by hand) within `recheckMs`. A session pushed out of memory
 * (more than `maxCached` in use) or whose row the session-cleanup task removed may end up to `touchIntervalMs`
 * early, never late.
 */
export class SessionStore {
  readonly #deps: SessionStoreDeps;
  readonly #options: SessionStoreOptions;
  readonly #cache = new Map<string, Entry>();
  /** Bumped by every invalidation: a lookup that started before one does not cache what it read. */
  #generation = 0;

  constructor(deps: SessionStoreDeps, options: Partial<SessionStoreOptions> = {}) {
    this.#deps = deps;
    this.#options = { ...DEFAULT_OPTIONS, ...options };
  }

  /** Opens a session for a user; returns its key (the only time it is known). */
  async createSession(userId: number): Promise<string> {
    const key = randomBytes(32).toString('base64url');
    const now = this.#deps.clock.now();
    await this.#deps.db
      .insertInto('api_sessions')
      .values({ key_hash: hashKey(key), user_id: userId, created_at: now, last_used_at: now, expires_at: now + this.#idleMs() })
      .execute();
    return key;
  }

  /** Who a key belongs to, sliding its expiry; null for an unknown, expired or malformed key or a disabled user. */
  async resolveSession(key: string): Promise<Caller | null> {
    if (!KEY_PATTERN.test(key)) return null;
    const hash = hashKey(key);
    const now = this.#deps.clock.now();
    const idle = this.#idleMs();
    const generation = this.#generation;
    let entry = this.#cache.get(hash);
    if (entry === undefined || now - entry.checkedAt >= this.#options.recheckMs) {
      const read = await this.#read(hash, entry, now, idle);
      if (generation !== this.#generation) return this.resolveSession(key);
      if (read === null) {
        this.#cache.delete(hash);
        return null;
      }
      entry = read;
    } else if (now >= entry.lastUsedAt + idle) {
      this.#cache.delete(hash);
      return null;
    }
    entry.lastUsedAt = now;
    // Most recently used last: the map's order is the eviction order.
    this.#cache.delete(hash);
    if (this.#cache.size >= this.#options.maxCached) {
      await this.#evict(now, idle);
      if (generation !== this.#generation) return this.resolveSession(key);
    }
    this.#cache.set(hash, entry);
    if (now - entry.writtenAt >= this.#options.touchIntervalMs) {
      entry.writtenAt = now;
      await this.#touch(hash, now, idle);
    }
    return entry.caller;
  }

  /** Ends one session (logout). Returns whether it existed. */
  async deleteSession(key: string): Promise<boolean> {
    if (!KEY_PATTERN.test(key)) return false;
    const hash = hashKey(key);
    this.#generation++;
    this.#cache.delete(hash);
    const result = await this.#deps.db.deleteFrom('api_sessions').where('key_hash', '=', hash).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Ends every session of a user. Returns how many there were. */
  async deleteSessionsOfUser(userId: number, db: Kysely<Tables> = this.#deps.db): Promise<number> {
    this.forgetUser(userId);
    const result = await db.deleteFrom('api_sessions').where('user_id', '=', userId).executeTakeFirst();
    this.forgetUser(userId);
    return Number(result.numDeletedRows);
  }

  /**
   * Drops what memory holds about a user's sessions, so the next use reads the user again: call it after
   * changing a user's role, org or state (and after the transaction that did it has committed).
   */
  forgetUser(userId: number): void {
    this.#generation++;
    for (const [hash, entry] of this.#cache) {
      if (entry.caller.userId === userId) this.#cache.delete(hash);
    }
  }

  async #read(hash: string, cached: Entry | undefined, now: number, idle: number): Promise<Entry | null> {
    const row = await this.#deps.db
      .selectFrom('api_sessions')
      .innerJoin('users', 'users.id', 'api_sessions.user_id')
      .select(['api_sessions.last_used_at', 'api_sessions.expires_at', 'users.id', 'users.username', 'users.role', 'users.org_id', 'users.disabled'])
      .where('api_sessions.key_hash', '=', hash)
      .executeTakeFirst();
    if (row === undefined || row.disabled !== 0 || !isUserRole(row.role)) return null;
    const lastUsedAt = Math.max(Number(row.last_used_at), cached?.lastUsedAt ?? 0);
    const expiresAt = Math.max(Number(row.expires_at), lastUsedAt + idle);
    if (now >= expiresAt) return null;
    const orgId = row.org_id === null ? null : Number(row.org_id);
    return {
      caller: Object.freeze({ userId: Number(row.id), username: row.username, role: row.role, orgId }),
      lastUsedAt,
      writtenAt: Number(row.last_used_at),
      checkedAt: now,
    };
  }

  #touch(hash: string, now: number, idle: number): Promise<unknown> {
    return this.#deps.db.updateTable('api_sessions').set({ last_used_at: now, expires_at: now + idle }).where('key_hash', '=', hash).execute();
  }

  /** Makes room: expired entries go, then the least recently used tenth; unwritten uses are written first. */
  async #evict(now: number, idle: number): Promise<void> {
    const target = Math.floor(this.#options.maxCached * 0.9);
    const unwritten: Array<[string, Entry]> = [];
    for (const [hash, entry] of this.#cache) {
      const expired = now >= entry.lastUsedAt + idle;
      if (!expired && this.#cache.size <= target) continue;
      this.#cache.delete(hash);
      if (!expired && entry.lastUsedAt > entry.writtenAt) unwritten.push([hash, entry]);
    }
    for (const [hash, entry] of unwritten) await this.#touch(hash, entry.lastUsedAt, idle);
  }

  #idleMs(): number {
    return this.#deps.settings().session_idle_minutes * 60_000;
  }
}

/** The stored form of a session key. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
