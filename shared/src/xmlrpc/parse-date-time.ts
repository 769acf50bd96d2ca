import { quote } from './parse-error.js';
import type { Reject } from './xml-scanner.js';
import { trimXmlSpace } from './xml-space.js';

// Date `20270115` or `2027-01-15`, `T`, time `12:00:00` or `120000`, an optional fraction, an optional zone.
// Alternatives start with different characters, so matching never backtracks far.
const DATE_TIME =
  /^([0-9]{4})(?:-([0-9]{2})-([0-9]{2})|([0-9]{2})([0-9]{2}))T(?:([0-9]{2}):([0-9]{2}):([0-9]{2})|([0-9]{2})([0-9]{2})([0-9]{2}))(?:[.,]([0-9]+))?(Z|[+-][0-9]{2}(?::?[0-9]{2})?)?$/;

/**
 * `<dateTime.iso8601>`: `20270115T12:00:00` (the spec's and Python's form), `2027-01-15T12:00:00`, either
 * with a fraction of a second (kept to the millisecond, cut rather than rounded) and a zone (`Z`, `+02:00`,
 * `-0500`, `+02`). A value without a zone is UTC: the API states every instant in UTC, and the spec leaves the
 * zone to the server. Impossible dates (Feb 30, 25:00) are refused; a leap second is refused too (a JavaScript
 * date has none).
 */
export function parseDateTime(raw: string, reject: Reject): Date {
  const text = trimXmlSpace(raw);
  const match = DATE_TIME.exec(text);
  if (!match) {
    return reject('bad-value', `<dateTime.iso8601> holds ${quote(text)}, not a date and time such as 20270115T12:00:00 or 2027-01-15T12:00:00Z`);
  }
  const year = Number(match[1]);
  const month = Number(match[2] ?? match[4]);
  const day = Number(match[3] ?? match[5]);
  const hour = Number(match[6] ?? match[9]);
  const minute = Number(match[7] ?? match[10]);
  const second = Number(match[8] ?? match[11]);
  const millisecond = match[12] === undefined ? 0 : Number(`${match[12]}00`.slice(0, 3));
  const offset = zoneOffsetMinutes(match[13]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59 || offset === undefined) {
    return reject('bad-value', `<dateTime.iso8601> holds ${quote(text)}, which is not a real date and time`);
  }
  return new Date(utcTime(year, month, day, hour, minute, second, millisecond) - offset * 60_000);
}

/** Minutes east of UTC of `Z`, `±hh`, `±hhmm` or `±hh:mm`; none is UTC; undefined when out of range. */
function zoneOffsetMinutes(zone: string | undefined): number | undefined {
  if (zone === undefined || zone === 'Z') return 0;
  const hours = Number(zone.slice(1, 3));
  const minutes = zone.length > 3 ? Number(zone.slice(-2)) : 0;
  if (hours > 23 || minutes > 59) return undefined;
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function utcTime(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): number {
  if (year >= 100) return Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // Date.UTC reads years 0-99 as 1900-1999; setUTCFullYear takes the year as written.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  return date.getTime();
}
