import { type CronExpression, fieldValues } from '@taskomatic/shared';

/**
 * The wall-clock times of day a cron fires at on each day it matches, as seconds since midnight, ascending:
 * every combination of its hour, minute and second values (Quartz applies these three fields alike on every
 * matching day; only the day, month and year fields pick the days).
 */
export interface TimesOfDay {
  readonly seconds: Int32Array;
  /**
   * `changes[k]`: how many of the gaps up to index k differ from the gap just before them; says in constant time
   * whether a slice of `seconds` is evenly spaced.
   */
  readonly changes: Int32Array;
}

/** Built once per parsed expression; parsed expressions are shared through the engine's cache (schedule-timing.ts). */
const tables = new WeakMap<CronExpression, TimesOfDay>();

/** The times of day of `cron` (at most 86,400 of them, for an expression firing every second). */
export function timesOfDay(cron: CronExpression): TimesOfDay {
  let table = tables.get(cron);
  if (!table) {
    table = buildTable(cron);
    tables.set(cron, table);
  }
  return table;
}

function buildTable(cron: CronExpression): TimesOfDay {
  const hours = fieldValues(cron.hour);
  const minutes = fieldValues(cron.minute);
  const secondValues = fieldValues(cron.second);
  const seconds = new Int32Array(hours.length * minutes.length * secondValues.length);
  // Hour, then minute, then second: ascending, as a minute and a second stay below an hour.
  let i = 0;
  for (const h of hours) for (const m of minutes) for (const s of secondValues) seconds[i++] = h * 3600 + m * 60 + s;
  const changes = new Int32Array(seconds.length);
  for (let k = 2; k < seconds.length; k += 1) {
    const gap = (seconds[k] ?? 0) - (seconds[k - 1] ?? 0);
    const before = (seconds[k - 1] ?? 0) - (seconds[k - 2] ?? 0);
    changes[k] = (changes[k - 1] ?? 0) + (gap === before ? 0 : 1);
  }
  return { seconds, changes };
}

/** Index of the first time of day at or after `second` (the length when there is none). */
export function firstAtOrAfter(table: TimesOfDay, second: number): number {
  const { seconds } = table;
  let low = 0;
  let high = seconds.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((seconds[middle] ?? 0) < second) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The gap in seconds between the times of the slice [i, j) when they are evenly spaced; null when not (needs 2 or more). */
export function evenGap(table: TimesOfDay, i: number, j: number): number | null {
  const { seconds, changes } = table;
  if ((changes[j - 1] ?? 0) - (changes[i + 1] ?? 0) !== 0) return null;
  return (seconds[i + 1] ?? 0) - (seconds[i] ?? 0);
}
