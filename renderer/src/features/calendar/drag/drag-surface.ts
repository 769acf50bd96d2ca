import type { RefObject } from 'react';
import type { ZoneDay } from '../zone-clock';
import { columnBoxes, ghostPlace } from './ghost-place';
import { instantAtPointer } from './pointer-instant';

/** Where the pointer drops a block: the instant, and the satellite whose lane it is over (null: no lanes). */
export interface SurfacePoint {
  readonly at: number;
  readonly satelliteId: string | null;
}

/** A box relative to the surface's element, where a ghost or pending block is drawn. */
export interface SurfaceBox {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
  /** In the right half of a timeline: the ghost's words run leftwards, not off the view's edge. */
  readonly nearEnd?: boolean;
}

/**
 * What a drag needs of the view it happens on, so that one drag (use-grid-drag.ts, drag-layer.tsx) serves the
 * week and day columns and the timeline's lanes: pointer → instant and lane, and instant → place on screen.
 * Boxes are read when asked (the view may scroll or resize between two moves).
 */
export interface DragSurface {
  readonly element: RefObject<HTMLElement | null>;
  /** The pointer's offset inside the grabbed block along the time axis, kept while dragging (px). */
  grabOffset(x: number, y: number, block: DOMRect): number;
  /** Snapped on the wall clock of `snapZone` (5 minutes; 1 when `fine`). Null when nothing is drawn. */
  pointAt(x: number, y: number, grabOffsetPx: number, snapZone: string, fine: boolean): SurfacePoint | null;
  /** Where a block of `durationMs` at `at` on `satelliteId`'s lane is drawn; null when not shown. */
  placeOf(at: number, satelliteId: string, durationMs: number): SurfaceBox | null;
}

/** The week and day views: one column per day, time running down (`pxPerMinute`); no lanes. */
export function dayColumnsSurface(element: RefObject<HTMLElement | null>, days: ReadonlyArray<ZoneDay>, zone: string, pxPerMinute: number): DragSurface {
  return {
    element,
    grabOffset: (_x, y, block) => y - block.top,
    pointAt(x, y, grabOffsetPx, snapZone, fine) {
      const grid = element.current;
      const at = grid ? instantAtPointer(columnBoxes(grid, days), x, y, grabOffsetPx, pxPerMinute, zone, snapZone, fine) : null;
      return at === null ? null : { at, satelliteId: null };
    },
    placeOf(at, _satelliteId, durationMs) {
      const grid = element.current;
      const place = grid ? ghostPlace(grid, days, zone, at, pxPerMinute) : null;
      return place && { ...place, height: Math.max(12, (durationMs / 60_000) * pxPerMinute) };
    },
  };
}
