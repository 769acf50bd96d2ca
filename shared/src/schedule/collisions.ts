import { MINUTE_MS, SECOND_MS } from './calendar.js';

// What a drop would run into (UX.md: "warn, before the drop, when the new time overlaps a run of the same
// non-parallelizable task on that satellite"). A task that is not parallelizable never runs twice at once on a
// satellite: whichever run starts later waits (POSTPONED) until the other ends. Shapes are small and plain so that
// the calendar can adapt the API's calendar.range answer to them.

/** A run or future occurrence on one satellite, as the calendar draws it. */
export interface LaneBlock {
  readonly id: string;
  /** What the calendar calls it (the schedule's label or the bunch). */
  readonly label: string;
  readonly satelliteId: string;
  /** The tasks its bunch runs. */
  readonly tasks: ReadonlyArray<string>;
  readonly start: number;
  /** Expected duration: the median of past runs, in seconds (null: never ran; counted as a minute). */
  readonly expectedSeconds: number | null;
}

/** One overlap of the dropped block with another, and what the engine will do about it. */
export interface Collision {
  readonly with: LaneBlock;
  /** The non-parallelizable tasks both run. */
  readonly tasks: ReadonlyArray<string>;
  /** Which of the two waits: the one that starts later (the dropped one on a tie: the other was there first). */
  readonly postponed: 'dropped' | 'other';
  /** About how long the postponed one waits, in milliseconds. */
  readonly waitMs: number;
  /** The consequence in words: "postponed until repo-sync ends, about 12 min". */
  readonly text: string;
}

/** When a block has no history, it still occupies its task for a moment. */
const UNKNOWN_DURATION_MS = MINUTE_MS;

/**
 * The collisions `dropped`, started at `target`, would have with `lane` (the target satellite's blocks; the dropped
 * block itself and other satellites' blocks are ignored). `isParallelizable` answers per task name.
 * Ordered by the other block's start.
 */
export function findCollisions(
  dropped: LaneBlock,
  target: number,
  lane: ReadonlyArray<LaneBlock>,
  isParallelizable: (task: string) => boolean,
): Collision[] {
  const exclusive = dropped.tasks.filter((task) => !isParallelizable(task));
  if (exclusive.length === 0) return [];
  const end = target + durationMs(dropped);
  const collisions: Collision[] = [];
  for (const other of lane) {
    if (other.id === dropped.id || other.satelliteId !== dropped.satelliteId) continue;
    const shared = exclusive.filter((task) => other.tasks.includes(task));
    const otherEnd = other.start + durationMs(other);
    if (shared.length === 0 || other.start >= end || otherEnd <= target) continue;
    const postponed = other.start <= target ? 'dropped' : 'other';
    const waitMs = postponed === 'dropped' ? otherEnd - target : end - other.start;
    const text =
      postponed === 'dropped'
        ? `This run will be postponed until ${other.label} ends, ${about(waitMs)}.`
        : `${other.label} will be postponed until this run ends, ${about(waitMs)}.`;
    collisions.push({ with: other, tasks: shared, postponed, waitMs, text });
  }
  return collisions.sort((a, b) => a.with.start - b.with.start);
}

function durationMs(block: LaneBlock): number {
  return block.expectedSeconds === null ? UNKNOWN_DURATION_MS : Math.max(block.expectedSeconds * SECOND_MS, SECOND_MS);
}

/** "about 12 min", "about 2 h 5 min", "less than a minute": an estimate, so rounded to minutes. */
function about(ms: number): string {
  const minutes = Math.round(ms / MINUTE_MS);
  if (minutes < 1) return 'less than a minute';
  if (minutes < 60) return `about ${minutes} min`;
  const rest = minutes % 60;
  return `about ${Math.floor(minutes / 60)} h${rest === 0 ? '' : ` ${rest} min`}`;
}
