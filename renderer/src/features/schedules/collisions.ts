import type { ResultOf } from '@taskomatic/shared';

/** Another schedule's future on the satellite, as calendar.range gives it. */
export type CalendarSchedule = ResultOf<'calendar.range'>['schedules'][number];

/** Runs of a non-parallelizable task that would overlap: the later one waits (POSTPONED) for the earlier. */
export interface Collision {
  /** The non-parallelizable task both bunches run. */
  readonly task: string;
  readonly scheduleId: number;
  readonly label: string;
  /** How many of my fires overlap one of its runs. */
  readonly count: number;
  /** The first of my fires that overlaps, and the start of its run it meets. */
  readonly mine: number;
  readonly theirs: number;
}

export interface CollisionQuestion {
  /** My fire times in the window (epoch ms), and how long a run of mine is expected to take. */
  readonly fires: ReadonlyArray<number>;
  readonly durationMs: number;
  readonly bunch: string;
  /** The schedule being edited, left out of the others. */
  readonly scheduleId?: number;
  readonly others: ReadonlyArray<CalendarSchedule>;
  /** Tasks of each bunch, by bunch name. */
  readonly bunchTasks: ReadonlyMap<string, ReadonlyArray<string>>;
  /** Tasks that are not parallelizable. */
  readonly exclusive: ReadonlySet<string>;
  /** How long a run lasts when the calendar has no median for it (no finished run yet). */
  readonly fallbackMs: number;
}

/** Starts of another schedule's runs in the window: its fires, moved fires, and its band spelled out. */
function startsOf(schedule: CalendarSchedule): number[] {
  const starts = [...schedule.times.map((time) => time.getTime()), ...schedule.moved.map((item) => item.time.getTime())];
  const band = schedule.band;
  if (band) {
    const every = (band.everySeconds ?? 0) * 1000;
    const first = band.first.getTime();
    const last = band.last.getTime();
    // Without a regular interval, the band is taken as busy from its first fire to its last.
    if (every <= 0) starts.push(first, last);
    else for (let at = first; at <= last && starts.length < 50_000; at += every) starts.push(at);
  }
  return starts.sort((a, b) => a - b);
}

/** Index of the first value >= `value` in an ascending array. */
function lowerBound(values: ReadonlyArray<number>, value: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((values[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * My fires that would overlap another schedule's run of a task neither may share (PRODUCT.md: a task that is not
 * parallelizable never runs twice at once on a satellite), per other schedule and task. Runs are taken to last
 * their expected duration (the median of past runs, from the calendar). Banded schedules count as their band.
 */
export function findCollisions(question: CollisionQuestion): ReadonlyArray<Collision> {
  const mineExclusive = (question.bunchTasks.get(question.bunch) ?? []).filter((task) => question.exclusive.has(task));
  if (mineExclusive.length === 0 || question.fires.length === 0) return [];
  const collisions: Collision[] = [];
  for (const other of question.others) {
    if (other.scheduleId === question.scheduleId) continue;
    const shared = (question.bunchTasks.get(other.bunch) ?? []).find((task) => mineExclusive.includes(task));
    if (!shared) continue;
    const starts = startsOf(other);
    const theirMs = other.band && !other.band.everySeconds ? Math.max(0, (starts.at(-1) ?? 0) - (starts[0] ?? 0)) + (other.expectedSeconds ?? 0) * 1000 : (other.expectedSeconds ?? question.fallbackMs / 1000) * 1000;
    let count = 0;
    let first: { mine: number; theirs: number } | undefined;
    for (const fire of question.fires) {
      // A run of theirs starting at s overlaps mine [fire, fire + mine) when fire - theirs < s < fire + mine.
      const index = lowerBound(starts, fire - theirMs + 1);
      const start = starts[index];
      if (start === undefined || start >= fire + question.durationMs) continue;
      count++;
      first ??= { mine: fire, theirs: start };
    }
    if (first) collisions.push({ task: shared, scheduleId: other.scheduleId, label: other.label, count, ...first });
  }
  return collisions.sort((a, b) => a.mine - b.mine);
}

/** How long a run of a bunch is expected to take: the median the calendar reports for schedules of that bunch. */
export function expectedDurationMs(bunch: string, schedules: ReadonlyArray<CalendarSchedule>, scheduleId: number | undefined): number | undefined {
  const own = schedules.find((item) => item.scheduleId === scheduleId)?.expectedSeconds;
  if (own !== undefined) return own * 1000;
  const same = schedules.filter((item) => item.bunch === bunch && item.expectedSeconds !== undefined).map((item) => item.expectedSeconds as number).sort((a, b) => a - b);
  const middle = same[Math.floor(same.length / 2)];
  return middle === undefined ? undefined : middle * 1000;
}
