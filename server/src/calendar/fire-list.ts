import type { OccurrenceException, ScheduleTiming } from '@taskomatic/shared';
import type { MovedFire } from './calendar-data.js';
import { walkFires } from './fire-walk.js';

/** The fires of a schedule in a window, as the calendar lists them. */
export interface FireList {
  /** Regular fires (cron or one-time), ascending. */
  readonly times: number[];
  /** Moved occurrences at their new instants, ascending. */
  readonly moved: MovedFire[];
  /** There were more than `cap`: the lists stop short. */
  readonly capped: boolean;
}

/**
 * The fires `scheduledFires` gives for [from, to), at most `cap` of them: the same instants, but a plain day
 * of a cron comes from its times of day instead of one next-fire search per fire (see walkFires).
 */
export function listFires(timing: ScheduleTiming, exceptions: ReadonlyArray<OccurrenceException>, from: number, to: number, cap: number): FireList {
  const times: number[] = [];
  const moved: MovedFire[] = [];
  const complete = walkFires(timing, exceptions, from, to, cap, {
    fire(fire) {
      if (times.length + moved.length >= cap) return false;
      if (fire.trigger === 'moved') moved.push({ at: fire.at, from: fire.occurrenceAt });
      else times.push(fire.at);
      return true;
    },
    day(dayStart, table, i, j) {
      if (times.length + moved.length + (j - i) > cap) return false;
      for (let k = i; k < j; k += 1) times.push(dayStart + (table.seconds[k] ?? 0) * 1000);
      return true;
    },
  });
  return { times, moved, capped: !complete };
}
