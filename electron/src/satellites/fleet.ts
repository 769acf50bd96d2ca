import type { ChangeInfo } from '@taskomatic/shared';
import { errorInfoOf, IpcError, type ConnectionTest, type PushSink, type SatelliteDraft, type SatelliteView } from '@taskomatic/shared/ipc';
import type { ResultValue, XmlRpcValue } from '@taskomatic/shared/xmlrpc';
import { readFingerprint } from './certificate.js';
import { DEFAULT_TIMINGS, SatelliteConnection, type ConnectionTimings } from './satellite-connection.js';
import { checkDraft } from './satellite-draft.js';
import type { SecretStore } from './secret-store.js';
import type { SatelliteRecord, SatelliteStore } from './satellite-store.js';
import { apiUrl, XmlRpcClient } from './xmlrpc-client.js';

/** Where the fleet writes what happens to its connections. */
export type FleetLog = (message: string, error?: unknown) => void;

/**
 * The satellites the app manages: the saved list, a live connection per satellite, passwords sealed by the
 * secret store (or held in memory when there is no keyring). What changes is pushed to the renderer(s).
 */
export class Fleet {
  readonly #store: SatelliteStore;
  readonly #secrets: SecretStore;
  readonly #push: PushSink;
  readonly #timings: ConnectionTimings;
  readonly #connections = new Map<string, SatelliteConnection>();
  /** Passwords typed this session, for satellites whose password could not be sealed. */
  readonly #memoryPasswords = new Map<string, string>();

  readonly #log: FleetLog;

  /** `log` receives what the connections report (a satellite lost or back, a refused login, unexpected errors). */
  constructor(store: SatelliteStore, secrets: SecretStore, push: PushSink, timings: ConnectionTimings = DEFAULT_TIMINGS, log: FleetLog = () => undefined) {
    this.#log = log;
    this.#store = store;
    this.#secrets = secrets;
    this.#push = push;
    this.#timings = timings;
  }

  /** Connects to every saved satellite. */
  start(): void {
    for (const record of this.#store.list()) this.#connect(record);
  }

  async stop(): Promise<void> {
    await Promise.all([...this.#connections.values()].map((connection) => connection.stop()));
    this.#connections.clear();
  }

  list(): SatelliteView[] {
    return this.#store.list().map((record) => this.#connection(record.id).view());
  }

  async add(value: unknown): Promise<SatelliteView> {
    const draft = checkDraft(value, this.#store.list().map((record) => record.name));
    const record = this.#store.add(this.#recordOf(draft, undefined));
    if (draft.password !== undefined && record.sealedPassword === undefined) this.#memoryPasswords.set(record.id, draft.password);
    return this.#connect(record).view();
  }

  async update(id: string, value: unknown): Promise<SatelliteView> {
    const current = this.#record(id);
    const draft = checkDraft(
      value,
      this.#store
        .list()
        .filter((record) => record.id !== id)
        .map((record) => record.name),
    );
    const record = { ...this.#recordOf(draft, current), id };
    this.#store.replace(record);
    // A password typed this session belongs to the user name it was typed for; a new one replaces it.
    if (draft.password !== undefined && record.sealedPassword === undefined) this.#memoryPasswords.set(id, draft.password);
    else if (draft.password !== undefined || !sameAccount(draft, current)) this.#memoryPasswords.delete(id);
    await this.#connection(id).stop();
    return this.#connect(record).view();
  }

  async remove(id: string): Promise<null> {
    this.#record(id);
    await this.#connections.get(id)?.stop();
    this.#connections.delete(id);
    this.#memoryPasswords.delete(id);
    this.#store.remove(id);
    this.#push('satellite:removed', { id });
    return null;
  }

  /** Tries a draft without saving anything: certificate, reachability, login. */
  async test(value: unknown, id?: string): Promise<ConnectionTest> {
    const others = this.#store.list().filter((record) => record.id !== id);
    const draft = checkDraft(value, others.map((record) => record.name));
    const saved = id ? this.#record(id) : undefined;
    // A saved password is only ever sent to the account it was saved for: same user, same server.
    const password = draft.password ?? (saved && sameAccount(draft, saved) ? this.#passwordOf(saved) : undefined);
    const url = apiUrl(draft.url);
    let fingerprint: string | undefined;
    if (url.protocol === 'https:') {
      try {
        fingerprint = await readFingerprint(url);
      } catch (error) {
        return { ok: false, problem: 'unreachable', message: (error as Error).message };
      }
      if (fingerprint !== draft.trustedFingerprint) {
        return { ok: false, problem: 'untrusted', fingerprint, message: `Check that this is the certificate of ${url.host} before trusting it` };
      }
    }
    const client = new XmlRpcClient({ url: draft.url, ...(fingerprint ? { trustedFingerprint: fingerprint } : {}) });
    try {
      const health = await client.getJson('/health', this.#timings.callTimeoutMs);
      if (password === undefined) return { ok: false, problem: 'login', message: 'Type the password to test logging in' };
      const key = (await client.call('auth.login', [draft.username, password], this.#timings.callTimeoutMs)).value as string;
      const me = (await client.call('auth.whoami', [key], this.#timings.callTimeoutMs)).value as { username: string; role: 'sat-admin' | 'org-admin'; orgId?: number; org?: string };
      await client.call('auth.logout', [key], this.#timings.callTimeoutMs).catch(() => undefined);
      return {
        ok: true,
        identity: { username: me.username, role: me.role, ...(me.orgId !== undefined ? { orgId: me.orgId } : {}), ...(me.org ? { org: me.org } : {}) },
        version: (health.value as { version?: string }).version ?? 'unknown',
        latencyMs: Math.round(health.elapsedMs),
        ...(fingerprint ? { fingerprint } : {}),
      };
    } catch (error) {
      const info = errorInfoOf(error);
      if (info.kind === 'offline') return { ok: false, problem: 'unreachable', message: info.message };
      if (info.fault === 'LOGIN_FAILED' || info.fault === 'LOGIN_THROTTLED') return { ok: false, problem: 'login', message: info.message };
      // The certificate changed between reading it and calling: the fingerprint read is no longer the one to show.
      if (info.kind === 'untrusted') return { ok: false, problem: 'untrusted', message: `${info.message}; test again` };
      return { ok: false, problem: 'protocol', message: `${draft.url} does not answer like a Taskomatic server: ${info.message}` };
    } finally {
      client.close();
    }
  }

  /** Logs in with a typed password; saves it sealed when the keyring allows. */
  async login(id: string, password: string): Promise<SatelliteView> {
    if (typeof password !== 'string' || password === '') throw new IpcError({ kind: 'invalid', message: 'password: type the password' });
    const connection = this.#connection(id);
    await connection.login(password);
    const sealed = this.#secrets.seal(password);
    if (sealed === undefined) this.#memoryPasswords.set(id, password);
    else {
      const record = { ...this.#record(id), sealedPassword: sealed };
      this.#store.replace(record);
      this.#memoryPasswords.delete(id);
      connection.saved(record);
    }
    return connection.view();
  }

  async refresh(id: string): Promise<SatelliteView> {
    const connection = this.#connection(id);
    await connection.checkHealth();
    return connection.view();
  }

  async call(id: string, method: string, params: ReadonlyArray<ResultValue>): Promise<XmlRpcValue> {
    return this.#connection(id).call(method, params);
  }

  #connect(record: SatelliteRecord): SatelliteConnection {
    const connection = new SatelliteConnection(record, this.#passwordOf(record), this.#timings, {
      state: (view) => this.#push('satellite:state', view),
      changes: (satelliteId: string, changes: ChangeInfo[], reset: boolean) => this.#push('satellite:changes', { satelliteId, changes, reset }),
      problem: (message: string, error?: unknown) => this.#log(message, error),
    });
    this.#connections.set(record.id, connection);
    connection.start();
    return connection;
  }

  #recordOf(draft: SatelliteDraft, current: SatelliteRecord | undefined): Omit<SatelliteRecord, 'id'> {
    const sealed = draft.password !== undefined ? this.#secrets.seal(draft.password) : current?.sealedPassword;
    return {
      name: draft.name,
      url: draft.url,
      username: draft.username,
      colour: draft.colour,
      glyph: draft.glyph,
      ...(draft.trustedFingerprint ? { trustedFingerprint: draft.trustedFingerprint } : {}),
      ...(sealed !== undefined && (draft.password !== undefined || (current !== undefined && sameAccount(draft, current))) ? { sealedPassword: sealed } : {}),
    };
  }

  #passwordOf(record: SatelliteRecord): string | undefined {
    const typed = this.#memoryPasswords.get(record.id);
    if (typed !== undefined) return typed;
    if (record.sealedPassword === undefined) return undefined;
    try {
      return this.#secrets.open(record.sealedPassword);
    } catch {
      return undefined;
    }
  }

  #record(id: string): SatelliteRecord {
    const record = typeof id === 'string' ? this.#store.get(id) : undefined;
    if (!record) throw new IpcError({ kind: 'invalid', message: `No satellite with id ${String(id)}` });
    return record;
  }

  #connection(id: string): SatelliteConnection {
    this.#record(id);
    const connection = this.#connections.get(id);
    if (!connection) throw new IpcError({ kind: 'internal', message: `Satellite ${id} is not connected` });
    return connection;
  }
}

/**
 * True when a draft still names the account a saved password belongs to: the same user on the same server
 * (scheme, host and port). Editing either drops the saved password, so it is never sent somewhere new.
 */
function sameAccount(draft: SatelliteDraft, saved: SatelliteRecord): boolean {
  return draft.username === saved.username && apiUrl(draft.url).origin === apiUrl(saved.url).origin;
}
