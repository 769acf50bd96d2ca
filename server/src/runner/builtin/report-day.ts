import { timeZoneOffset, wallTimeToInstant } from '@taskomatic/shared';
import type { Settings } from '../../db/repos/settings-repo.js';
import type { TaskExecution } from '../task.js';

const DAY_MS = 86_400_000;

/** A calendar day in a zone, and the instants it spans. */
export interface ReportDay {
  /** YYYY-MM-DD. */
  readonly day: string;
  readonly start: number;
  readonly end: number;
}

/**
 * The day a daily report covers: `day` when given (YYYY-MM-DD), else yesterday on the zone's wall clock at
 * `now`. A day is 23 or 25 hours long when the clocks change; its bounds are real instants.
 */
export function reportDay(zone: string, now: number, day?: string): ReportDay {
  let wallStart: number;
  if (day !== undefined) {
    wallStart = Date.parse(`${day}T00:00:00Z`);
    if (Number.isNaN(wallStart)) throw new Error(`Not a day: ${day} (expected YYYY-MM-DD)`);
  } else {
    const wallNow = now + timeZoneOffset(zone, now);
    wallStart = Math.floor(wallNow / DAY_MS) * DAY_MS - DAY_MS;
  }
  return {
    day: new Date(wallStart).toISOString().slice(0, 10),
    start: wallTimeToInstant(zone, wallStart),
    end: wallTimeToInstant(zone, wallStart + DAY_MS),
  };
}

/** Parameter declaration shared by the daily report tasks. */
export const DAY_PARAMETER = {
  name: 'day',
  type: 'string',
  required: false,
  pattern: '[0-9]{4}-[0-9]{2}-[0-9]{2}',
  description: 'Report this day (YYYY-MM-DD) instead of yesterday',
} as const;

/** The day a run of a daily report task covers, in the satellite's zone, from its `day` parameter or the clock. */
export function dayOfRun(settings: () => Settings, execution: TaskExecution): ReportDay & { readonly zone: string } {
  const zone = settings().default_time_zone;
  const given = execution.params['day'];
  return { zone, ...reportDay(zone, execution.clock.now(), typeof given === 'string' ? given : undefined) };
}
