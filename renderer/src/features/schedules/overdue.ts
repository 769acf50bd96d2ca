import type { ScheduleInfo } from '@taskomatic/shared';

/**
 * How late a fire may be before the app calls it overdue (default: 90 s). A fire starts a moment after its time
 * and the list is read a moment after that: being a few seconds past is normal, not a problem to flag.
 */
export const OVERDUE_GRACE_MS = 90_000;

/**
 * How long a schedule's next fire is past due on the satellite's clock, or undefined when it is not overdue.
 * `satelliteNow` is the satellite's time (mine corrected by its clock skew): a satellite whose clock runs behind
 * is not late. Paused and ended schedules have no next fire and are never overdue.
 */
export function overdueMs(schedule: Pick<ScheduleInfo, 'nextFireTime' | 'paused' | 'ended'>, satelliteNow: number): number | undefined {
  if (schedule.paused || schedule.ended || !schedule.nextFireTime) return undefined;
  const late = satelliteNow - schedule.nextFireTime.getTime();
  return late > OVERDUE_GRACE_MS ? late : undefined;
}

/** "overdue by 5 min", "overdue by 2 h 10 min", "overdue by 3 d": rounded down, never "overdue by 0". */
export function formatOverdue(ms: number): string {
  const minutes = Math.max(1, Math.floor(ms / 60_000));
  if (minutes < 60) return `overdue by ${minutes} min`;
  const hours = Math.floor(minutes / 60);
  // Past a few hours the minutes are noise.
  if (hours < 6) return `overdue by ${hours} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`;
  if (hours < 48) return `overdue by ${hours} h`;
  return `overdue by ${Math.floor(hours / 24)} d`;
}
