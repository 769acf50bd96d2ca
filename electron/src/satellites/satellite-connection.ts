import type { ChangeInfo } from '@taskomatic/shared';
import { IpcError, type ConnectionStatus, type SatelliteHealth, type SatelliteIdentity, type SatelliteView } from '@taskomatic/shared/ipc';
import type { ResultValue, XmlRpcValue } from '@taskomatic/shared/xmlrpc';
import { expired, NotTaskomaticError, offline } from './satellite-errors.js';
import { readHealth } from './satellite-health.js';
import type { SatelliteRecord } from './satellite-store.js';
import { XmlRpcClient } from './xmlrpc-client.js';

/** Timings of one connection (defaults in `DEFAULT_TIMINGS`). */
export interface ConnectionTimings {
  /** Longest wait for an ordinary call. */
  readonly callTimeoutMs: number;
  /** Between health checks. */
  readonly healthIntervalMs: number;
  /** A health check slower than this marks the satellite slow. */
  readonly slowMs: number;
  /** How long the server holds a changes long-poll open. */
  readonly changesWaitSeconds: number;
  /** Longest pause between retries of the changes feed while the satellite is unreachable. */
  readonly maxRetryMs: number;
}

export const DEFAULT_TIMINGS: ConnectionTimings = { callTimeoutMs: 20_000, healthIntervalMs: 10_000, slowMs: 2_000, changesWaitSeconds: 25, maxRetryMs: 30_000 };

/** What a connection tells the rest of the main process. */
export interface ConnectionEvents {
  state(view: SatelliteView): void;
  changes(satelliteId: string, changes: ChangeInfo[], reset: boolean): void;
  /** Something to write to the main process's log: a satellite lost, a login refused, an unexpected error. */
  problem(message: string, error?: unknown): void;
}

/**
 * One satellite: its session (logged in on first use, renewed transparently when it expires, with the password
 * held in memory), its health checks and its changes feed. The session key and password never leave it.
 * It is `connecting` until the session is open (who the app is logged in as is known), and silent once stopped.
 */
export class SatelliteConnection {
  /** Replaced only by `saved` (the same satellite, its password newly sealed). */
  #record: SatelliteRecord;
  readonly #client: XmlRpcClient;
  readonly #timings: ConnectionTimings;
  readonly #events: ConnectionEvents;
  #password: string | undefined;
  #session: Promise<string> | undefined;
  #status: ConnectionStatus = 'connecting';
  #statusReason: string | undefined;
  #latencyMs: number | undefined;
  #lastSeen: Date | undefined;
  #identity: SatelliteIdentity | undefined;
  #health: SatelliteHealth | undefined;
  #timeZone: string | undefined;
  #stopped = false;
  /** Why logging in failed last (no password, wrong password): the satellite shows "session expired" until a login works. */
  #loginProblem: string | undefined;
  /**
   * The password the server refused last. It is not sent again until another is given: retrying it in the
   * background would only fill the server's audit trail with refused logins and trip its login throttle.
   */
  #refusedPassword: string | undefined;
  #healthTimer: NodeJS.Timeout | undefined;
  #wake: (() => void) | undefined;

  constructor(record: SatelliteRecord, password: string | undefined, timings: ConnectionTimings, events: ConnectionEvents) {
    this.#record = record;
    this.#password = password;
    this.#timings = timings;
    this.#events = events;
    this.#client = new XmlRpcClient(record);
  }

  get id(): string {
    return this.#record.id;
  }

  /** Starts the health checks and the changes feed. */
  start(): void {
    void this.checkHealth();
    void this.#followChanges();
  }

  /**
   * Stops everything and logs out (best effort). From now on it pushes nothing and opens no session, so a
   * request still under way cannot bring a removed satellite back in the renderer.
   */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#healthTimer);
    this.#wake?.();
    const session = this.#session;
    this.#session = undefined;
    if (session) await session.then((key) => this.#client.call('auth.logout', [key], 3_000)).catch(() => undefined);
    this.#client.close();
  }

  /** The satellite as the renderer sees it. */
  view(): SatelliteView {
    const record = this.#record;
    return {
      id: record.id,
      name: record.name,
      url: record.url,
      username: record.username,
      colour: record.colour,
      glyph: record.glyph,
      ...(record.trustedFingerprint ? { trustedFingerprint: record.trustedFingerprint } : {}),
      passwordSaved: record.sealedPassword !== undefined,
      status: this.#status,
      ...(this.#statusReason ? { statusReason: this.#statusReason } : {}),
      ...(this.#latencyMs !== undefined ? { latencyMs: Math.round(this.#latencyMs) } : {}),
      ...(this.#lastSeen ? { lastSeen: this.#lastSeen } : {}),
      ...(this.#identity ? { identity: this.#identity } : {}),
      ...(this.#health ? { health: this.#health } : {}),
      ...(this.#timeZone ? { timeZone: this.#timeZone } : {}),
    };
  }

  /** Takes the saved record after its password was sealed into it (same satellite, address and user name). */
  saved(record: SatelliteRecord): void {
    this.#record = record;
    if (!this.#stopped) this.#events.state(this.view());
  }

  /** Logs in with a password the user just typed (tried even if it was refused before); keeps it in memory for later renewals. */
  async login(password: string): Promise<void> {
    const previous = this.#session;
    this.#password = password;
    this.#refusedPassword = undefined;
    this.#session = undefined;
    const key = await this.#sessionKey();
    if (previous) void previous.then((old) => (old === key ? undefined : this.#client.call('auth.logout', [old], 3_000))).catch(() => undefined);
    this.#wake?.();
  }

  /**
   * Calls an API method with the session key first; renews the session once when the server says it expired.
   * Calls that failed with the same dead session share one renewal.
   */
  async call(method: string, params: ReadonlyArray<ResultValue>, timeoutMs = this.#timings.callTimeoutMs): Promise<XmlRpcValue> {
    if (this.#stopped) throw offline(`The connection to ${this.#record.name} was closed`);
    const session = this.#sessionKey();
    try {
      return await this.#callWithSession(session, method, params, timeoutMs);
    } catch (error) {
      if (!isFault(error, 'NOT_AUTHENTICATED')) throw error;
      if (this.#session === session) this.#session = undefined;
      return await this.#callWithSession(this.#sessionKey(), method, params, timeoutMs);
    }
  }

  /** Checks `/health` now, then again after the interval. */
  async checkHealth(): Promise<void> {
    clearTimeout(this.#healthTimer);
    try {
      const sentAt = Date.now();
      const answer = await this.#client.getJson('/health', this.#timings.callTimeoutMs);
      this.#health = readHealth(answer.value, sentAt + answer.elapsedMs / 2);
      this.#latencyMs = answer.elapsedMs;
      // The session is opened by the changes feed, which `#seen` wakes when the satellite was down. A health
      // check always reports (fresh health, latency and last answer); calls report only what changes.
      this.#seen(true);
    } catch (error) {
      this.#failed(error instanceof NotTaskomaticError ? offline(`${this.#record.url} does not answer like a Taskomatic server: ${error.message}`) : error);
    } finally {
      if (!this.#stopped) this.#healthTimer = setTimeout(() => void this.checkHealth(), this.#timings.healthIntervalMs);
    }
  }

  async #callWithSession(session: Promise<string>, method: string, params: ReadonlyArray<ResultValue>, timeoutMs: number): Promise<XmlRpcValue> {
    const key = await session;
    try {
      const answer = await this.#client.call(method, [key, ...params], timeoutMs);
      this.#seen();
      return answer.value;
    } catch (error) {
      this.#failed(error);
      throw error;
    }
  }

  #sessionKey(): Promise<string> {
    this.#session ??= this.#openSession().catch((error: unknown) => {
      this.#session = undefined;
      this.#failed(error);
      throw error;
    });
    return this.#session;
  }

  async #openSession(): Promise<string> {
    if (this.#stopped) throw offline(`The connection to ${this.#record.name} was closed`);
    const password = this.#password;
    if (password === undefined) {
      this.#loginProblem = `No password saved for ${this.#record.name}: log in again`;
      throw expired(this.#loginProblem);
    }
    if (password === this.#refusedPassword && this.#loginProblem) throw expired(this.#loginProblem);
    let key: string;
    try {
      key = (await this.#client.call('auth.login', [this.#record.username, password], this.#timings.callTimeoutMs)).value as string;
    } catch (error) {
      if (!isFault(error, 'LOGIN_FAILED') && !isFault(error, 'LOGIN_THROTTLED')) throw error;
      // A throttled login may work later with the same password; a refused one will not.
      if (isFault(error, 'LOGIN_FAILED')) this.#refusedPassword = password;
      this.#loginProblem = `${this.#record.username} could not log in to ${this.#record.name}: ${(error as IpcError).message}`;
      throw expired(this.#loginProblem);
    }
    this.#loginProblem = undefined;
    const me = (await this.#client.call('auth.whoami', [key], this.#timings.callTimeoutMs)).value as unknown as SatelliteIdentity & { showSatelliteSchedules?: boolean };
    this.#identity = { username: me.username, role: me.role, ...(me.orgId !== undefined ? { orgId: me.orgId } : {}), ...(me.org ? { org: me.org } : {}) };
    const settings = (await this.#client.call('settings.get', [key], this.#timings.callTimeoutMs)).value as { defaultTimeZone?: string };
    this.#timeZone = settings.defaultTimeZone;
    // A new session may bring a new identity or zone: report it.
    this.#seen(true);
    return key;
  }

  async #followChanges(): Promise<void> {
    let cursor: string | undefined;
    const firstRetryMs = Math.min(1_000, this.#timings.maxRetryMs);
    let retryMs = firstRetryMs;
    while (!this.#stopped) {
      try {
        const request = { ...(cursor ? { cursor } : {}), waitSeconds: this.#timings.changesWaitSeconds };
        const answer = (await this.call('changes.since', [request], (this.#timings.changesWaitSeconds + 15) * 1000)) as unknown as {
          cursor: string;
          changes: ChangeInfo[];
          reset: boolean;
        };
        // The first answer only places the cursor: the renderer loads what it shows on its own.
        if (this.#stopped) return;
        if (cursor !== undefined && (answer.changes.length > 0 || answer.reset)) {
          // The satellite's zone is part of its view ("satellite time"): read it again when settings change.
          if (answer.reset || answer.changes.some((change) => change.kind === 'settings')) await this.#readTimeZone();
          this.#events.changes(this.id, answer.changes, answer.reset);
        }
        cursor = answer.cursor;
        retryMs = firstRetryMs;
      } catch (error) {
        if (this.#stopped) return;
        // What the satellite's state already says (offline, expired) is logged once, when the state changes.
        if (!(error instanceof IpcError)) this.#events.problem(`${this.#record.name}: the changes feed failed`, error);
        await this.#pause(retryMs);
        retryMs = Math.min(retryMs * 2, this.#timings.maxRetryMs);
        // After an outage the cursor may predate a restart; the server answers `reset` then.
      }
    }
  }

  async #readTimeZone(): Promise<void> {
    const settings = (await this.call('settings.get', [])) as { defaultTimeZone?: string };
    if (this.#stopped || settings.defaultTimeZone === this.#timeZone) return;
    this.#timeZone = settings.defaultTimeZone;
    this.#events.state(this.view());
  }

  #pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = done;
    });
  }

  #seen(report = false): void {
    this.#lastSeen = new Date();
    const wasDown = this.#status === 'offline';
    if (this.#loginProblem) this.#set('expired', this.#loginProblem, report);
    else if (this.#identity === undefined) this.#set('connecting', undefined, report);
    else this.#set(this.#latencyMs !== undefined && this.#latencyMs > this.#timings.slowMs ? 'slow' : 'connected', undefined, report);
    if (wasDown) this.#wake?.();
  }

  #failed(error: unknown): void {
    if (!(error instanceof IpcError)) {
      this.#events.problem(`${this.#record.name}: unexpected error`, error);
      return;
    }
    const { kind, message } = error.info;
    if (kind === 'offline') this.#set('offline', message);
    else if (kind === 'expired') this.#set('expired', message);
    else if (kind === 'untrusted') this.#set('untrusted', message);
  }

  /** Sets the status; pushes the view when it changed, or always with `report` (a health check's news). */
  #set(status: ConnectionStatus, reason: string | undefined, report = false): void {
    if (this.#stopped) return;
    const changed = status !== this.#status || reason !== this.#statusReason;
    if (status !== this.#status && (status === 'offline' || status === 'expired' || status === 'untrusted')) this.#events.problem(`${this.#record.name} is ${status}: ${reason ?? 'no reason given'}`);
    if (status !== this.#status && (this.#status === 'offline' || this.#status === 'expired' || this.#status === 'untrusted') && (status === 'connected' || status === 'slow')) this.#events.problem(`${this.#record.name} is ${status} again`);
    this.#status = status;
    this.#statusReason = reason;
    if (changed || report) this.#events.state(this.view());
  }
}

function isFault(error: unknown, fault: string): boolean {
  return error instanceof IpcError && error.info.kind === 'fault' && error.info.fault === fault;
}
