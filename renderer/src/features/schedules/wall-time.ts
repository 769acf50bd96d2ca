import { timeZoneOffset, wallTimeToInstant } from '@taskomatic/shared/schedule';

// A `datetime-local` field holds a wall-clock time with no zone ("2026-12-24T18:00"). The editor reads it in
// the schedule's zone, as cron is, never in the zone of the computer the app runs on.

const WALL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** The field text of an instant on the wall clock of `zone` ('' for none or an unknown zone). */
export function wallInputOf(date: Date | undefined, zone: string): string {
  if (!date) return '';
  try {
    const wall = date.getTime() + timeZoneOffset(zone, date.getTime());
    return new Date(wall).toISOString().slice(0, 16);
  } catch {
    return '';
  }
}

/**
 * The instant a field's wall time means in `zone`; undefined for an empty or malformed field or an unknown zone.
 * A time skipped by a spring-forward change is read as shifted forward by the gap, as the server fires it.
 */
export function instantOfWallInput(text: string, zone: string): Date | undefined {
  const match = WALL.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number) as number[];
  const wall = Date.UTC(year as number, (month as number) - 1, day, hour, minute, Number.isNaN(second) ? 0 : second);
  try {
    return new Date(wallTimeToInstant(zone, wall));
  } catch {
    return undefined;
  }
}
