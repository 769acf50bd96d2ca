import { timeZoneOffset } from '@taskomatic/shared';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/** An instant as ISO 8601 UTC (`2027-03-14T07:30:00.000Z`), the one form every command prints and parses. */
export function isoUtc(ms: number): string {
  return new Date(ms).toISOString();
}

/** `isoUtc`, or null for no instant (JSON output). */
export function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : isoUtc(ms);
}

/**
 * An instant on the wall clock of `zone`, with the weekday and the offset in force then:
 * `Sun 2027-03-14T03:30:00-04:00`. Shows at a glance which side of a daylight-saving change a fire lands on.
 */
export function zonedTime(ms: number, zone: string): string {
  const offset = timeZoneOffset(zone, ms);
  const wall = new Date(ms + offset);
  const weekday = WEEKDAYS[wall.getUTCDay()] ?? '';
  return `${weekday} ${wall.toISOString().slice(0, 19)}${formatOffset(offset)}`;
}

/** `+01:00`, `-04:00`; historical offsets with seconds keep them (`-04:56:02`). */
function formatOffset(offsetMs: number): string {
  const sign = offsetMs < 0 ? '-' : '+';
  const total = Math.round(Math.abs(offsetMs) / 1000);
  const two = (n: number): string => String(n).padStart(2, '0');
  const seconds = total % 60;
  const text = `${sign}${two(Math.floor(total / 3600))}:${two(Math.floor(total / 60) % 60)}`;
  return seconds === 0 ? text : `${text}:${two(seconds)}`;
}
