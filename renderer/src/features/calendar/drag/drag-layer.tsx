import { useRef, type RefObject } from 'react';
import { formatInstant } from '../../../lib/time-format';
import type { CalendarItem } from '../calendar-items';
import type { ZoneDay } from '../zone-clock';
import { ApplyMineHost } from './apply-mine-host';
import { PENDING_WORDS, useDragStore } from './drag-store';
import { DropDialog } from './drop-dialog';
import { ghostPlace } from './ghost-place';
import { useGridDrag } from './use-grid-drag';
import './drag.css';

/**
 * Drag to reschedule over a time grid: the ghost that follows the pointer (refusal or collision under it), the
 * striped blocks of moves waiting for the server, and the dialog of a series drop. Drawn over the grid, so the
 * grid's thousands of blocks do not re-render on each pointer move.
 */
export function DragLayer({ grid, days, items, zone, pxPerMinute }: { grid: RefObject<HTMLElement | null>; days: ReadonlyArray<ZoneDay>; items: ReadonlyArray<CalendarItem>; zone: string; pxPerMinute: number }) {
  const { state, verdict, grab, cancel } = useGridDrag(grid, days, items, zone, pxPerMinute);
  const pending = useDragStore((store) => store.pending);
  const element = grid.current;
  const lastGrab = useRef(grab);
  if (grab) lastGrab.current = grab;
  const item = lastGrab.current?.item;
  const height = (ms: number) => Math.max(12, (ms / 60_000) * pxPerMinute);
  return (
    <>
      {element && state.phase === 'dragging' && item && (() => {
        const place = ghostPlace(element, days, zone, state.target, pxPerMinute);
        if (!place) return null;
        const refusal = verdict && !verdict.check.ok ? verdict.check.reason : undefined;
        return (
          <>
            {/* Over the grid while dragging: the pointer's hit test stops here instead of searching thousands of blocks. */}
            <div className={`drag-shield${state.allowed ? '' : ' drag-shield--refused'}`} />
            <div className={`drag-ghost${state.allowed ? '' : ' drag-ghost--refused'}`} style={{ transform: `translate(${place.left}px, ${place.top}px)`, width: place.width, minHeight: height(item.end - item.start) }} data-testid="calendar-drag-ghost" data-allowed={state.allowed} data-target={new Date(state.target).toISOString()}>
              <span className="drag-ghost__time">{formatInstant(new Date(state.target), zone, 'time')}</span> {item.label}
              {refusal && <div className="drag-ghost__refusal" data-testid="calendar-drag-refusal">{refusal}</div>}
              {state.allowed && verdict?.collisions.map((collision) => (
                <div key={collision.with.id} className="drag-ghost__collision" data-testid="calendar-drag-collision">⚠ {collision.text}</div>
              ))}
            </div>
          </>
        );
      })()}
      {element && pending.map((move) => {
        const place = ghostPlace(element, days, zone, move.target, pxPerMinute);
        return place && (
          <div key={move.key} className={`drag-pending drag-pending--${move.state}`} style={{ left: place.left, top: place.top, width: place.width, height: height(move.durationMs) }} data-testid="calendar-drag-pending" data-state={move.state} aria-label={`${move.label}: ${PENDING_WORDS[move.state]}`}>
            {move.label} · {PENDING_WORDS[move.state]}
          </div>
        );
      })}
      {state.phase === 'choosing' && grab && <DropDialog item={grab.item} target={state.target} scheduleLoad={grab.scheduleLoad} zone={zone} onClose={cancel} />}
      <ApplyMineHost zone={zone} />
    </>
  );
}
