import { type Kysely, sql } from 'kysely';
import type { Tables } from '../../db/tables.js';

/**
 * Keeps what each node holds in memory (the bunches with their steps, the settings) current with what other
 * nodes change in the database: one small query reads a signature of each table (row count, latest change,
 * highest id), and whatever differs from the last reading is reloaded. Run before each API call and at each
 * heartbeat when several nodes share the database; alone, the node's own edits keep its memory current.
 */
export class SharedDefinitions {
  readonly #db: Kysely<Tables>;
  readonly #reload: { readonly bunches: () => Promise<unknown>; readonly settings: () => Promise<unknown> };
  #seen: { bunches: string; settings: string } | null = null;
  #checking: Promise<void> | null = null;

  constructor(db: Kysely<Tables>, reload: { readonly bunches: () => Promise<unknown>; readonly settings: () => Promise<unknown> }) {
    this.#db = db;
    this.#reload = reload;
  }

  /** Reloads what another node changed since the last check (concurrent callers share one check). */
  refresh(): Promise<void> {
    this.#checking ??= this.#check().finally(() => {
      this.#checking = null;
    });
    return this.#checking;
  }

  async #check(): Promise<void> {
    const { rows } = await sql<{ bunches: string; settings: string }>`
      select
        (select count(*) || ':' || coalesce(max(updated_at), 0) || ':' || coalesce(max(id), 0) from bunches) as bunches,
        (select count(*) || ':' || coalesce(max(updated_at), 0) from settings) as settings`.execute(this.#db);
    const now = rows[0];
    if (!now) return;
    const before = this.#seen;
    this.#seen = { bunches: String(now.bunches), settings: String(now.settings) };
    if (before === null) return;
    if (before.bunches !== this.#seen.bunches) await this.#reload.bunches();
    if (before.settings !== this.#seen.settings) await this.#reload.settings();
  }
}
