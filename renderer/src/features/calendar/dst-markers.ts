import { offsetMinutes, type ZoneDay } from './zone-clock';

/** A day where the display zone's clocks change, and what they do. */
export interface DstMarker {
  readonly date: string;
  /** The first instant with the new offset. */
  readonly at: number;
  /** Minutes the clocks move: 60 forward, -60 back. */
  readonly shiftMinutes: number;
  /** Wall minute of the day where it happens (before the change). */
  readonly minuteOfDay: number;
  readonly text: string;
}

const MINUTE = 60_000;

/** The first minute with the offset of `end`, between two instants of different offsets. */
function changeBetween(start: number, end: number, zone: string): number {
  const before = offsetMinutes(start, zone);
  let low = start;
  let high = end;
  while (high - low > MINUTE) {
    const middle = low + Math.floor((high - low) / 2 / MINUTE) * MINUTE;
    if (offsetMinutes(middle, zone) === before) low = middle;
    else high = middle;
  }
  return high;
}

function shiftWords(minutes: number): string {
  const size = Math.abs(minutes);
  const amount = size % 60 === 0 ? `${size / 60} h` : `${size} min`;
  return minutes > 0 ? `clocks go forward ${amount}` : `clocks go back ${amount}`;
}

/** The clock changes within these days (a day whose start and end offsets differ holds one). */
export function dstMarkers(days: ReadonlyArray<ZoneDay>, zone: string): ReadonlyArray<DstMarker> {
  const markers: DstMarker[] = [];
  for (const day of days) {
    const before = offsetMinutes(day.start, zone);
    const after = offsetMinutes(day.end - MINUTE, zone);
    if (before === after) continue;
    const at = changeBetween(day.start, day.end - MINUTE, zone);
    const shiftMinutes = after - before;
    const minuteOfDay = Math.round((at - day.start) / MINUTE);
    const clock = `${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`;
    markers.push({ date: day.date, at, shiftMinutes, minuteOfDay, text: `${clock} ${shiftWords(shiftMinutes)} (${zone})` });
  }
  return markers;
}
