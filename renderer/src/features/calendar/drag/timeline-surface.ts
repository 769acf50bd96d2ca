import type { RefObject } from 'react';
import { laneAt, timelineInstant, type LaneBox } from './timeline-instant';
import type { DragSurface } from './drag-surface';

/** A block's height in a lane (px, as `.timeline-view__block`). */
const BLOCK_PX = 20;

/**
 * The timeline: one lane per satellite (`.timeline-view__track[data-satellite-id]`), time running left to right
 * over [from, to). The instant is linear in x (the axis is real time, a clock change included).
 */
export function timelineSurface(element: RefObject<HTMLElement | null>, from: number, to: number): DragSurface {
  const lanes = (): LaneBox[] => {
    const root = element.current;
    if (!root) return [];
    return [...root.querySelectorAll<HTMLElement>('.timeline-view__track[data-satellite-id]')].map((track) => {
      const box = track.getBoundingClientRect();
      return { satelliteId: track.dataset.satelliteId ?? '', left: box.left, right: box.right, top: box.top, bottom: box.bottom };
    });
  };
  return {
    element,
    grabOffset: (x, _y, block) => x - block.left,
    pointAt(x, y, grabOffsetPx, snapZone, fine) {
      const lane = laneAt(lanes(), y);
      return lane ? { at: timelineInstant(lane, x - grabOffsetPx, from, to, snapZone, fine), satelliteId: lane.satelliteId } : null;
    },
    placeOf(at, satelliteId, durationMs) {
      const root = element.current;
      const lane = lanes().find((box) => box.satelliteId === satelliteId);
      if (!root || !lane || at < from || at >= to) return null;
      const rootBox = root.getBoundingClientRect();
      const pxPerMs = (lane.right - lane.left) / (to - from);
      const left = lane.left - rootBox.left + (at - from) * pxPerMs;
      return { left, top: lane.top - rootBox.top, width: Math.max(12, durationMs * pxPerMs), height: BLOCK_PX, nearEnd: left > rootBox.width / 2 };
    },
  };
}
