import { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS, wallFields, wallTime } from './calendar.js';
import { nextFieldValue } from './cron-field.js';
import type { CronExpression } from './cron-expression.js';
import { CRON_MAX_YEAR, CRON_MIN_YEAR } from './cron-expression.js';
import { nextMatchingDay } from './day-rule.js';

/** Wall time of 1970-01-01 00:00:00, the earliest a cron expression can match. */
const EARLIEST_WALL = wallTime(CRON_MIN_YEAR, 1, 1, 0, 0, 0);

/**
 * The earliest wall time (wall milliseconds, see calendar.ts) at or after `fromWall` that the expression matches,
 * or null when there is none up to the end of 2099. Time zones play no part here: this is the calendar alone.
 *
 * Jumps field by field, largest first: when a field has no allowed value left, the next larger field moves on and
 * the smaller ones restart at their minimum. Each step moves forward, so the loop ends after a few hundred rounds
 * at worst (e.g. `0 0 0 31 2 ?`, which never matches, walks the months up to 2099 once).
 */
export function nextCronWallTime(cron: CronExpression, fromWall: number): number | null {
  let { year, month, day, hour, minute, second } = wallFields(
    Math.max(Math.ceil(fromWall / SECOND_MS) * SECOND_MS, EARLIEST_WALL),
  );

  for (;;) {
    if (year > CRON_MAX_YEAR) return null;
    const nextYear = nextFieldValue(cron.year, year);
    if (nextYear === -1) return null;
    if (nextYear !== year) {
      year = nextYear;
      month = day = 1;
      hour = minute = second = 0;
    }

    const nextMonth = nextFieldValue(cron.month, month);
    if (nextMonth === -1) {
      year += 1;
      month = day = 1;
      hour = minute = second = 0;
      continue;
    }
    if (nextMonth !== month) {
      month = nextMonth;
      day = 1;
      hour = minute = second = 0;
    }

    const nextDay = nextMatchingDay(cron.day, year, month, day);
    if (nextDay === -1) {
      if (month === 12) year += 1;
      month = month === 12 ? 1 : month + 1;
      day = 1;
      hour = minute = second = 0;
      continue;
    }
    if (nextDay !== day) {
      day = nextDay;
      hour = minute = second = 0;
    }

    const nextHour = nextFieldValue(cron.hour, hour);
    // When a field has no value left, restart at the beginning of the next larger unit.
    if (nextHour === -1) {
      ({ year, month, day, hour, minute, second } = wallFields(wallTime(year, month, day, 0, 0, 0) + DAY_MS));
      continue;
    }
    if (nextHour !== hour) {
      hour = nextHour;
      minute = second = 0;
    }

    const nextMinute = nextFieldValue(cron.minute, minute);
    if (nextMinute === -1) {
      ({ year, month, day, hour, minute, second } = wallFields(wallTime(year, month, day, hour, 0, 0) + HOUR_MS));
      continue;
    }
    if (nextMinute !== minute) {
      minute = nextMinute;
      second = 0;
    }

    const nextSecond = nextFieldValue(cron.second, second);
    if (nextSecond === -1) {
      const nextMinuteStart = wallTime(year, month, day, hour, minute, 0) + MINUTE_MS;
      ({ year, month, day, hour, minute, second } = wallFields(nextMinuteStart));
      continue;
    }
    return wallTime(year, month, day, hour, minute, nextSecond);
  }
}
