import type { OccurrenceException, ScheduleTiming } from '@taskomatic/shared';
import { walkFires } from './fire-walk.js';
import { FireTally } from './fire-tally.js';
import { evenGap } from './times-of-day.js';

/** What a band says about the fires of a schedule in a window. */
export interface FireSummary {
  readonly count: number;
  readonly first: number;
  readonly last: number;
  /** The interval when every gap between fires is the same. */
  readonly everySeconds: number | null;
  /** True when more fires had to be enumerated one by one than the budget allowed: `count` is a lower bound. */
  readonly capped: boolean;
}

/**
 * Counts the fires `scheduledFires` gives for [from, to) without enumerating them (see walkFires), enumerating
 * at most `budget` of them one by one around daylight-saving changes and exceptions. Null when nothing fires.
 */
export function summarizeFires(
  timing: ScheduleTiming,
  exceptions: ReadonlyArray<OccurrenceException>,
  from: number,
  to: number,
  budget: number,
): FireSummary | null {
  const tally = new FireTally();
  const complete = walkFires(timing, exceptions, from, to, budget, {
    fire(fire) {
      tally.add(fire.at);
      return true;
    },
    day(dayStart, table, i, j) {
      const first = dayStart + (table.seconds[i] ?? 0) * 1000;
      const last = dayStart + (table.seconds[j - 1] ?? 0) * 1000;
      const gap = j - i > 1 ? evenGap(table, i, j) : null;
      tally.addRun(first, last, j - i, gap === null ? null : gap * 1000);
      return true;
    },
  });
  if (tally.first === null || tally.last === null) return null;
  return { count: tally.count, first: tally.first, last: tally.last, everySeconds: tally.everySeconds, capped: !complete };
}
