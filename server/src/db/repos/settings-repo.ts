import type { Kysely } from 'kysely';
import type { Tables } from '../tables.js';

/** The satellite's settings, changeable through the API (PRODUCT.md, "Settings"). */
export interface Settings {
  /** Runs older than this are removed by clear-log-history (default: 7). */
  readonly retention_days: number;
  /** Zone of new schedules when none is given (default: the host's zone when the database was created). */
  readonly default_time_zone: string;
  /** Output kept per task run, stdout and stderr together; the rest is dropped and counted (default: 100 MiB). */
  readonly log_cap_bytes: number;
  /** A postponed step waiting longer than this is skipped (default: 3600). */
  readonly postpone_limit_seconds: number;
  /** RUN_ONCE catches up a missed fire only when it is at most this old (default: 3600). */
  readonly misfire_grace_seconds: number;
  /** Whether org admins may turn on a rough list of satellite-level schedules (default: false). */
  readonly org_admins_may_see_satellite_schedules: boolean;
  /** API sessions expire after this much idle time (default: 30). */
  readonly session_idle_minutes: number;
}

export const DEFAULT_SETTINGS: Settings = Object.freeze({
  retention_days: 7,
  default_time_zone: 'UTC',
  log_cap_bytes: 100 * 1024 * 1024,
  postpone_limit_seconds: 3600,
  misfire_grace_seconds: 3600,
  org_admins_may_see_satellite_schedules: false,
  session_idle_minutes: 30,
});

/** Reads every setting; a missing or unreadable value falls back to its default. */
export async function readSettings(db: Kysely<Tables>): Promise<Settings> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).execute();
  const stored = new Map(rows.map((r) => [r.key, r.value]));
  const result: Record<string, unknown> = {};
  for (const [key, fallback] of Object.entries(DEFAULT_SETTINGS)) {
    const text = stored.get(key);
    let value: unknown = fallback;
    if (text !== undefined) {
      try {
        const parsed: unknown = JSON.parse(text);
        if (typeof parsed === typeof fallback) value = parsed;
      } catch {
        // A hand-edited value that is not JSON keeps the default rather than stopping the server.
      }
    }
    result[key] = value;
  }
  return Object.freeze(result) as unknown as Settings;
}

/** Stores some settings. */
export async function writeSettings(db: Kysely<Tables>, changes: Partial<Settings>, now: number): Promise<void> {
  for (const [key, value] of Object.entries(changes)) {
    await db
      .insertInto('settings')
      .values({ key, value: JSON.stringify(value), updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: now }))
      .execute();
  }
}
