import type { ResultOf } from '@taskomatic/shared';

/** A satellite's calendar for the next 24 hours, as `calendar.range` answers it. */
export type UpcomingRange = ResultOf<'calendar.range'>;

/** Fires in one slot of the strip: how many, and of which schedules. */
export interface StripMark {
  /** Start of the slot (ms). */
  readonly at: number;
  readonly count: number;
  /** Distinct schedule labels, in fire order. */
  readonly labels: ReadonlyArray<string>;
  /** Every fire in the slot belongs to work the user may not change. */
  readonly locked: boolean;
}

/** A schedule firing too often to mark each fire: one span that says how often. */
export interface StripBand {
  readonly label: string;
  readonly from: number;
  readonly to: number;
  readonly count: number;
  readonly everySeconds?: number;
}

export interface SatelliteStrip {
  readonly marks: ReadonlyArray<StripMark>;
  readonly bands: ReadonlyArray<StripBand>;
  /** Fires in the window, bands included. */
  readonly total: number;
}

/** Slots of the strip: 15 minutes is a few pixels on a fleet card's width, and still tells 10:00 from 10:30. */
export const SLOT_MS = 15 * 60_000;

/**
 * Folds one satellite's fires in [from, to) into slots, moved occurrences at their new time; schedules the server
 * sent as bands stay bands, so a schedule firing every minute is one labelled span, not 1,440 marks.
 */
export function upcomingStrip(range: UpcomingRange, from: number, to: number, slotMs = SLOT_MS): SatelliteStrip {
  const slots = new Map<number, { count: number; labels: string[]; locked: boolean }>();
  const bands: StripBand[] = [];
  let total = 0;
  for (const schedule of range.schedules) {
    if (schedule.band) {
      const band = schedule.band;
      bands.push({ label: schedule.label, from: Math.max(from, band.first.getTime()), to: Math.min(to, band.last.getTime()), count: band.count, ...(band.everySeconds === undefined ? {} : { everySeconds: band.everySeconds }) });
      total += band.count;
      continue;
    }
    const times = [...schedule.times, ...schedule.moved.map((move) => move.time)];
    for (const time of times) {
      const at = time.getTime();
      if (at < from || at >= to) continue;
      const slot = from + Math.floor((at - from) / slotMs) * slotMs;
      const entry = slots.get(slot) ?? { count: 0, labels: [], locked: true };
      entry.count += 1;
      if (!entry.labels.includes(schedule.label)) entry.labels.push(schedule.label);
      entry.locked &&= schedule.locked;
      slots.set(slot, entry);
      total += 1;
    }
  }
  const marks = [...slots.entries()].sort(([a], [b]) => a - b).map(([at, entry]) => ({ at, ...entry }));
  return { marks, bands, total };
}

/** The full hours of `zone` inside [from, to), every `stepHours`, for the strip's axis. */
export function hourTicks(from: number, to: number, offsetMinutesAt: (ms: number) => number, stepHours = 3): ReadonlyArray<number> {
  const ticks: number[] = [];
  const hour = 3_600_000;
  // Walk UTC hours and keep those that are full hours on the zone's clock; a half-hour zone is checked per tick.
  for (let at = Math.ceil(from / (hour / 4)) * (hour / 4); at < to; at += hour / 4) {
    const local = at + offsetMinutesAt(at) * 60_000;
    const localHour = Math.floor(local / hour);
    if (local % hour === 0 && ((localHour % 24) + 24) % stepHours === 0) ticks.push(at);
  }
  return ticks;
}
