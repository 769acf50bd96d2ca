import { checkReschedule, findCollisions, type Collision, type LaneBlock, type RescheduleCheck } from '@taskomatic/shared';
import type { CalendarItem } from '../calendar-items';
import { copyRefusal } from './copy-plan';

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

/** A copy to another satellite refused (copy-plan.ts), beside the move refusals. */
export interface CopyRefused {
  readonly ok: false;
  readonly code: 'copy';
  readonly reason: string;
  readonly limit: null;
}

export interface DropVerdict {
  readonly check: RescheduleCheck | CopyRefused;
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
export function verdictOf(item: CalendarItem, kind: 'cron' | 'once', target: number, now: number, items: ReadonlyArray<CalendarItem>, window: ScheduleWindow | undefined, catalog: Catalog | undefined, targetSatelliteId = item.satelliteId): DropVerdict {
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
    targetSatelliteId,
    locked: item.locked,
  });
  if (!catalog) return { check, collisions: [] };
  const dropped = laneBlock(item, catalog, item.start, item.end - item.start);
  const lane: LaneBlock[] = [];
  for (const other of items) {
    if (other.satelliteId !== item.satelliteId) continue;
    if (other.kind === 'band') lane.push(...bandFiresNear(other, target, item.end - item.start, catalog));
    else lane.push(laneBlock(other, catalog, other.start, other.end - other.start));
  }
  const collisions = findCollisions(dropped, target, lane, (task) => catalog.parallelizable.has(task));
  return { check, collisions };
}

/**
 * A copy of `item` to another satellite (Ctrl held over its lane), where the user is `role` (undefined: not signed
 * in): refused as far as is known while dragging; the target's bunches and orgs are checked on release.
 */
export function copyVerdictOf(item: CalendarItem, target: number, now: number, role: 'sat-admin' | 'org-admin' | undefined, name: string): DropVerdict {
  const reason = copyRefusal(target, now, item.orgId === undefined, role, name);
  return { check: reason === null ? { ok: true } : { ok: false, code: 'copy', reason, limit: null }, collisions: [] };
}

/**
 * The fires of a band of future fires that could overlap a drop at `target` lasting `durationMs`. A frequent
 * schedule is drawn as one band, but the engine runs each of its fires: a drop onto one of them is postponed like
 * a drop onto a block. Only a regular band (`everySeconds`) says where its fires are; a band of past runs
 * (`byStatus`) is history.
 */
function bandFiresNear(band: CalendarItem, target: number, durationMs: number, catalog: Catalog): LaneBlock[] {
  const every = (band.band?.everySeconds ?? 0) * 1000;
  const last = band.band?.last;
  if (every <= 0 || last === undefined || band.band?.byStatus) return [];
  // Each fire lasts as long as the schedule's expected duration: the band is drawn up to its last fire plus that.
  const fireMs = Math.max(band.end - last, 1000);
  const fires: LaneBlock[] = [];
  const first = band.start + Math.max(0, Math.ceil((target - fireMs - band.start) / every)) * every;
  for (let at = first; at <= last && at < target + durationMs; at += every) fires.push(laneBlock(band, catalog, at, fireMs, `${band.key}@${at}`));
  return fires;
}

function laneBlock(item: CalendarItem, catalog: Catalog, start: number, durationMs: number, id = item.key): LaneBlock {
  return { id, label: item.label, satelliteId: item.satelliteId, tasks: catalog.tasksOfBunch.get(item.bunch) ?? [], start, expectedSeconds: Math.round(durationMs / 1000) };
}
