import { checkReschedule, findCollisions, type Collision, type LaneBlock, type RescheduleCheck } from '@taskomatic/shared';
import type { CalendarItem } from '../calendar-items';

/** What the calendar knows of a satellite's catalog, for collisions: each bunch's tasks, the exclusive tasks. */
export interface Catalog {
  readonly tasksOfBunch: ReadonlyMap<string, ReadonlyArray<string>>;
  readonly parallelizable: ReadonlySet<string>;
}

/** The schedule as read when the drag began (absent until it arrives: the window is then not checked). */
export interface ScheduleWindow {
  readonly activeFrom: number | null;
  readonly activeTill: number | null;
}

export interface DropVerdict {
  readonly check: RescheduleCheck;
  readonly collisions: ReadonlyArray<Collision>;
}

/** Blocks that can be dragged: future occurrences and one-time runs of a schedule, not bands or past runs. */
export function isDraggable(item: CalendarItem, now: number): boolean {
  return item.kind === 'occurrence' && item.scheduleId !== undefined && item.start > now;
}

/**
 * May `item` go to `target`, and what would it run into. The series' neighbours are its other fires in the loaded
 * range (a week or a day: the neighbours of any fire in it, except at the range's edges, where the server refuses).
 */
export function verdictOf(item: CalendarItem, kind: 'cron' | 'once', target: number, now: number, items: ReadonlyArray<CalendarItem>, window: ScheduleWindow | undefined, catalog: Catalog | undefined): DropVerdict {
  let previous: number | null = null;
  let next: number | null = null;
  for (const other of items) {
    if (other === item || other.kind !== 'occurrence' || other.satelliteId !== item.satelliteId || other.scheduleId !== item.scheduleId) continue;
    if (other.start < item.start && (previous === null || other.start > previous)) previous = other.start;
    if (other.start > item.start && (next === null || other.start < next)) next = other.start;
  }
  const check = checkReschedule({
    kind,
    occurrenceAt: item.start,
    target,
    now,
    previousOccurrence: previous,
    nextOccurrence: next,
    activeFrom: window?.activeFrom ?? null,
    activeTill: window?.activeTill ?? null,
    satelliteId: item.satelliteId,
    targetSatelliteId: item.satelliteId,
    locked: item.locked,
  });
  if (!catalog) return { check, collisions: [] };
  const lane = items.filter((other) => other.satelliteId === item.satelliteId && other.kind !== 'band').map((other) => laneBlock(other, catalog));
  const collisions = findCollisions(laneBlock(item, catalog), target, lane, (task) => catalog.parallelizable.has(task));
  return { check, collisions };
}

function laneBlock(item: CalendarItem, catalog: Catalog): LaneBlock {
  return { id: item.key, label: item.label, satelliteId: item.satelliteId, tasks: catalog.tasksOfBunch.get(item.bunch) ?? [], start: item.start, expectedSeconds: Math.round((item.end - item.start) / 1000) };
}
