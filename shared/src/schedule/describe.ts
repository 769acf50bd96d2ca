import type { CronExpression } from './cron-expression.js';
import { describeDate } from './describe-days.js';
import { describeTime } from './describe-time.js';

/**
 * A plain-English sentence for a cron expression, 24-hour clock: `0 15 10 ? * MON-FRI` -> "At 10:15, Monday
 * through Friday"; `0 0/15 * * * ?` -> "Every 15 minutes". Times are wall-clock times of the schedule's zone.
 */
export function describeCron(cron: CronExpression): string {
  const time = describeTime(cron);
  const date = describeDate(cron);
  // "every day" only where the time alone would not say it: "At 23:00, every day", but "Every 15 minutes".
  const days = date.days !== '' ? date.days : time.repeats ? '' : 'every day';
  return [time.text, days, date.months, date.years].filter((part) => part !== '').join(', ');
}
