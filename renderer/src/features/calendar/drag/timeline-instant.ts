import { snapToWallClock } from '@taskomatic/shared';

const MINUTE = 60_000;

/** Where a satellite's lane sits on screen (its track's bounding box). */
export interface LaneBox {
  readonly satelliteId: string;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

/** The lane under `y`: the one it is in, else the nearest (above the first or below the last). Null: no lanes. */
export function laneAt(lanes: ReadonlyArray<LaneBox>, y: number): LaneBox | null {
  if (lanes.length === 0) return null;
  return lanes.find((lane) => y >= lane.top && y < lane.bottom) ?? (y < lanes[0]!.top ? lanes[0]! : lanes.reduce((near, lane) => (Math.abs(lane.top - y) < Math.abs(near.top - y) ? lane : near)));
}

/**
 * The instant at `x` (the block's left edge: the pointer less its grab offset) in a lane spanning [from, to),
 * clamped to the span, snapped on the wall clock of `snapZone` (5 minutes; 1 when `fine`). The last snap before
 * `to` stands for anything beyond, as the grid's columns keep their last snap.
 */
export function timelineInstant(lane: LaneBox, x: number, from: number, to: number, snapZone: string, fine: boolean): number {
  const width = Math.max(1, lane.right - lane.left);
  const fraction = Math.min(1, Math.max(0, (x - lane.left) / width));
  const step = (fine ? 1 : 5) * MINUTE;
  let snapped = snapToWallClock(from + fraction * (to - from), snapZone, fine);
  while (snapped >= to) snapped -= step;
  while (snapped < from) snapped += step;
  return snapped;
}
