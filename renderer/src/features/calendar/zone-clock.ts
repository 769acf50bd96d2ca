/**
 * Wall clocks in an IANA zone, without a date library: the calendar draws days and hours as the display zone
 * sees them, and a day there may last 23 or 25 hours.
 */

const MINUTE = 60_000;
const parts = new Map<string, Intl.DateTimeFormat>();

function partsFormat(zone: string): Intl.DateTimeFormat {
  let found = parts.get(zone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    parts.set(zone, found);
  }
  return found;
}

/** A civil date and time as a zone's clock shows it. */
export interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
}

export function wallClock(ms: number, zone: string): WallClock {
  const values: Record<string, number> = {};
  for (const part of partsFormat(zone).formatToParts(new Date(ms))) if (part.type !== 'literal') values[part.type] = Number(part.value);
  return { year: values.year ?? 1970, month: values.month ?? 1, day: values.day ?? 1, hour: values.hour ?? 0, minute: values.minute ?? 0 };
}

/** The zone's offset from UTC at an instant, in minutes (CET: 60). */
export function offsetMinutes(ms: number, zone: string): number {
  const clock = wallClock(ms, zone);
  const asUtc = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute);
  return Math.round((asUtc - Math.floor(ms / MINUTE) * MINUTE) / MINUTE);
}

/** A civil date ("2026-03-29"), the calendar's anchor: days are counted in the display zone, not in instants. */
export type CivilDate = string;

export function civilOf(ms: number, zone: string): CivilDate {
  const clock = wallClock(ms, zone);
  return `${clock.year}-${String(clock.month).padStart(2, '0')}-${String(clock.day).padStart(2, '0')}`;
}

export function isCivilDate(text: string | undefined): text is CivilDate {
  return text !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`));
}

/** The civil date `days` later (or earlier). */
export function addDays(date: CivilDate, days: number): CivilDate {
  const ms = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

/** Monday 0 … Sunday 6. */
export function weekdayOf(date: CivilDate): number {
  return (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
}

/**
 * The instant a civil date and time happens in a zone. A time that does not exist (the gap when clocks go forward)
 * comes out shifted forward, as the clocks do; a repeated one comes out as its first occurrence.
 */
export function instantOf(date: CivilDate, minuteOfDay: number, zone: string): number {
  const guess = Date.parse(`${date}T00:00:00Z`) + minuteOfDay * MINUTE;
  // The offsets a day before and after cover any change near the asked time.
  const before = offsetMinutes(guess - 86_400_000, zone);
  const after = offsetMinutes(guess + 86_400_000, zone);
  const valid = [guess - before * MINUTE, guess - after * MINUTE].filter((candidate) => offsetMinutes(candidate, zone) * MINUTE === guess - candidate);
  // None valid: the time falls in the gap; read with the offset before the change, it lands as far past it.
  return valid.length > 0 ? Math.min(...valid) : guess - before * MINUTE;
}

/** Where a civil day starts and ends in a zone (instants), and how long it is. */
export interface ZoneDay {
  readonly date: CivilDate;
  readonly start: number;
  readonly end: number;
}

export function zoneDay(date: CivilDate, zone: string): ZoneDay {
  return { date, start: instantOf(date, 0, zone), end: instantOf(addDays(date, 1), 0, zone) };
}
