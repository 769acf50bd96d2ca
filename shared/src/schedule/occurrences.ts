import type { CronExpression } from './cron-expression.js';
import { nextFireTime } from './next-fire.js';

/** Fire times of a window, and whether the cap cut the list. */
export interface Occurrences {
  readonly times: number[];
  /** True when more fire times fall in the window than `cap` allowed. */
  readonly capped: boolean;
}

/**
 * The fire times of `cron` in `timeZone` with `from <= t < to` (epoch milliseconds), ascending, at most `cap`.
 * The window is half-open so that adjacent windows ([a, b), [b, c): calendar pages, engine ticks) share no fire
 * and miss none. `cap` bounds the work for dense expressions (`* * * * * ?` fires 86,400 times a day).
 */
export function occurrences(
  cron: CronExpression,
  timeZone: string,
  from: number,
  to: number,
  cap: number,
): Occurrences {
  const times: number[] = [];
  let cursor = from - 1;
  for (;;) {
    const next = nextFireTime(cron, timeZone, cursor);
    if (next === null || next >= to) return { times, capped: false };
    if (times.length >= cap) return { times, capped: true };
    times.push(next);
    cursor = next;
  }
}
