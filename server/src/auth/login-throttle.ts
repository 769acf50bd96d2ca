import type { Clock } from '../engine/clock.js';
import { addressKey } from './client-address.js';

/** How failed logins are slowed down. */
export interface LoginThrottleOptions {
  /** Failures a user name, or an address, may have before each further attempt must wait (default: 5). */
  readonly freeFailures: number;
  /** Failures are forgotten once this long has passed without a new one (default: 15 minutes). */
  readonly windowMs: number;
  /** The wait after the last free failure; it doubles with each further failure (default: 1 s). */
  readonly firstDelayMs: number;
  /** The longest wait (default: 5 minutes). */
  readonly maxDelayMs: number;
  /** User names, and addresses, remembered at most; idle ones are forgotten first (default: 10,000 each). */
  readonly maxKeys: number;
  /** Attempts that may queue behind the attempts under way for one key; more are refused (default: 100). */
  readonly maxQueued: number;
}

export const DEFAULT_THROTTLE: LoginThrottleOptions = Object.freeze({
  freeFailures: 5,
  windowMs: 15 * 60_000,
  firstDelayMs: 1000,
  maxDelayMs: 5 * 60_000,
  maxKeys: 10_000,
  maxQueued: 100,
});

/** A login refused without looking at the password: too many failures for this user name or address. */
export class LoginThrottledError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many failed logins; try again in ${retryAfterSeconds} s`);
    this.name = 'LoginThrottledError';
  }
}

/** One login attempt let through; exactly one of `failed` or `succeeded`, then `end` (in a finally). */
export interface LoginAttempt {
  /** Counts a failure against the user name and the address. */
  failed(): void;
  /** Forgets the user name's failures (not the address's: a valid account must not wash an address clean). */
  succeeded(): void;
  /** Lets the next queued attempt for the same keys go. */
  end(): void;
}

interface KeyState {
  failures: number;
  lastFailureAt: number;
  inFlight: number;
  readonly queued: Array<() => void>;
}

/**
 * Slows down repeated failed logins, per user name and per address, in memory. Once a key has `freeFailures`
 * failures, each further attempt waits 1 s, 2 s, 4 s ... (capped) after the latest failure; attempts during
 * the wait are refused without checking the password. A key's failures are forgotten after `windowMs` with
 * no new failure, so an attacker who keeps guessing stays at the capped delay.
 *
 * Attempts under way count too: a key with n free failures left lets at most n attempts check a password at
 * once (1 once it is throttled) and queues the rest, so a burst of parallel guesses gets no more tries than
 * a sequence would. Time comes from the clock; nothing here sleeps.
 */
export class LoginThrottle {
  readonly #clock: Clock;
  readonly #options: LoginThrottleOptions;
  readonly #users: KeyTable;
  readonly #addresses: KeyTable;

  constructor(clock: Clock, options: Partial<LoginThrottleOptions> = {}) {
    this.#clock = clock;
    this.#options = { ...DEFAULT_THROTTLE, ...options };
    this.#users = new KeyTable(this.#options);
    this.#addresses = new KeyTable(this.#options);
  }

  /** User names and addresses remembered now (for metrics). */
  get size(): { readonly users: number; readonly addresses: number } {
    return { users: this.#users.size, addresses: this.#addresses.size };
  }

  /** Lets an attempt for `username` from `address` (null: not over the network) go, or throws LoginThrottledError. */
  async begin(username: string, address: string | null): Promise<LoginAttempt> {
    const keys: Array<[KeyTable, string]> = [[this.#users, username.toLowerCase().slice(0, 200)]];
    if (address !== null && address !== '') keys.push([this.#addresses, addressKey(address)]);
    for (;;) {
      const now = this.#clock.now();
      const states = keys.map(([table, key]) => table.get(key, now));
      const waitMs = Math.max(...states.map((s) => this.#blockedUntil(s) - now));
      if (waitMs > 0) throw new LoginThrottledError(Math.ceil(waitMs / 1000));
      const busy = states.find((s) => s.inFlight >= this.#allowance(s));
      if (busy === undefined) {
        for (const s of states) s.inFlight++;
        return this.#attempt(keys);
      }
      if (busy.queued.length >= this.#options.maxQueued) throw new LoginThrottledError(1);
      await new Promise<void>((resolve) => busy.queued.push(resolve));
    }
  }

  #attempt(keys: ReadonlyArray<[KeyTable, string]>): LoginAttempt {
    let ended = false;
    const states = (): KeyState[] => keys.map(([table, key]) => table.get(key, this.#clock.now()));
    return {
      failed: () => {
        const now = this.#clock.now();
        for (const [table, key] of keys) table.fail(key, now);
      },
      succeeded: () => {
        const [user] = states();
        if (user) user.failures = 0;
      },
      end: () => {
        if (ended) return;
        ended = true;
        for (const [table, key] of keys) table.release(key);
      },
    };
  }

  #allowance(state: KeyState): number {
    return Math.max(1, this.#options.freeFailures - state.failures);
  }

  #blockedUntil(state: KeyState): number {
    const over = state.failures - this.#options.freeFailures;
    if (over < 0) return 0;
    const delay = Math.min(this.#options.firstDelayMs * 2 ** Math.min(over, 40), this.#options.maxDelayMs);
    return state.lastFailureAt + delay;
  }
}

/**
 * The states of one kind of key, bounded: when full, keys with nothing under way and no recent failure go
 * first, then the ones whose latest failure is oldest.
 */
class KeyTable {
  readonly #states = new Map<string, KeyState>();
  readonly #options: LoginThrottleOptions;

  constructor(options: LoginThrottleOptions) {
    this.#options = options;
  }

  get size(): number {
    return this.#states.size;
  }

  get(key: string, now: number): KeyState {
    let state = this.#states.get(key);
    if (state === undefined) {
      if (this.#states.size >= this.#options.maxKeys) this.#evict(now);
      state = { failures: 0, lastFailureAt: 0, inFlight: 0, queued: [] };
      this.#states.set(key, state);
    } else if (state.failures > 0 && now - state.lastFailureAt >= this.#options.windowMs) {
      state.failures = 0;
    }
    return state;
  }

  fail(key: string, now: number): void {
    const state = this.get(key, now);
    state.failures++;
    state.lastFailureAt = now;
    // Map order is the eviction order: the latest failure goes last.
    this.#states.delete(key);
    this.#states.set(key, state);
  }

  release(key: string): void {
    const state = this.#states.get(key);
    if (state === undefined) return;
    state.inFlight = Math.max(0, state.inFlight - 1);
    // Every queued attempt looks again; those that still cannot go queue again, in the same order.
    for (const wake of state.queued.splice(0)) wake();
    if (state.failures === 0 && state.inFlight === 0 && state.queued.length === 0) this.#states.delete(key);
  }

  #evict(now: number): void {
    const idle = (s: KeyState): boolean => s.inFlight === 0 && s.queued.length === 0;
    for (const [key, s] of this.#states) {
      if (idle(s) && (s.failures === 0 || now - s.lastFailureAt >= this.#options.windowMs)) this.#states.delete(key);
    }
    // Still full: forget a tenth, oldest failures first, so eviction does not run on every new key.
    const target = Math.floor(this.#options.maxKeys * 0.9);
    for (const [key, s] of this.#states) {
      if (this.#states.size <= target) break;
      if (idle(s)) this.#states.delete(key);
    }
  }
}
