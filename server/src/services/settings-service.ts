import type { Kysely } from 'kysely';
import { isValidTimeZone } from '@taskomatic/shared';
import { readSettings, type Settings, writeSettings } from '../db/repos/settings-repo.js';
import type { Tables } from '../db/tables.js';
import type { Clock } from '../engine/clock.js';
import { recordAudit } from './audit.js';
import type { ChangeFeed } from './change-feed.js';
import { DomainError } from './domain-error.js';

/**
 * The satellite's settings: read once, held in memory for the engine and the API (read on every run), and
 * changed only through `update`, which checks, stores, audits and re-reads them.
 */
export class SettingsService {
  readonly #db: Kysely<Tables>;
  readonly #clock: Clock;
  readonly #changes: ChangeFeed | null;
  #current: Settings;

  private constructor(db: Kysely<Tables>, clock: Clock, changes: ChangeFeed | null, current: Settings) {
    this.#db = db;
    this.#clock = clock;
    this.#changes = changes;
    this.#current = current;
  }

  static async load(db: Kysely<Tables>, clock: Clock, changes: ChangeFeed | null = null): Promise<SettingsService> {
    return new SettingsService(db, clock, changes, await readSettings(db));
  }

  /** The settings now. */
  current(): Settings {
    return this.#current;
  }

  /** Reads the settings again (after a change made outside this process). */
  async reload(): Promise<Settings> {
    this.#current = await readSettings(this.#db);
    return this.#current;
  }

  /** Changes some settings; the rest stay. */
  async update(changes: Partial<Settings>, actor: string): Promise<Settings> {
    if (changes.default_time_zone !== undefined && !isValidTimeZone(changes.default_time_zone)) {
      throw new DomainError('invalid-time-zone', `Unknown time zone '${changes.default_time_zone}' (expected an IANA name such as Europe/Prague)`);
    }
    const before = this.#current;
    const now = this.#clock.now();
    await this.#db.transaction().execute(async (trx) => {
      await writeSettings(trx, changes, now);
      await recordAudit(trx, { at: now, actor, action: 'settings.update', targetType: 'settings', targetId: null, before, after: changes });
    });
    const current = await this.reload();
    this.#changes?.publish('settings', 0, 'update', null);
    return current;
  }
}
