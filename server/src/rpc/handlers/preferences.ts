import type { Caller } from '../gate.js';
import type { ApiDeps } from './api-deps.js';

/** A user's preferences, as stored (JSON in `users.preferences`). */
export interface UserPreferences {
  /** Org admins: see a rough list of satellite-level schedules (when the satellite allows it). */
  readonly showSatelliteSchedules: boolean;
}

/** Reads a user's preferences; anything missing or unreadable counts as off. */
export async function preferencesOf(deps: Pick<ApiDeps, 'db'>, userId: number): Promise<UserPreferences> {
  const row = await deps.db.selectFrom('users').select('preferences').where('id', '=', userId).executeTakeFirst();
  try {
    const value = JSON.parse(row?.preferences ?? '{}') as { showSatelliteSchedules?: unknown };
    return { showSatelliteSchedules: value.showSatelliteSchedules === true };
  } catch {
    return { showSatelliteSchedules: false };
  }
}

/** True when an org admin may see, and asked to see, the rough list of satellite-level schedules. */
export async function mayOverviewSatellite(deps: Pick<ApiDeps, 'db' | 'settings'>, caller: Caller): Promise<boolean> {
  if (caller.role !== 'org-admin' || !deps.settings().org_admins_may_see_satellite_schedules) return false;
  return (await preferencesOf(deps, caller.userId)).showSatelliteSchedules;
}
