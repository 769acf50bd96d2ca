import { useRef } from 'react';
import { formatInstant } from '../../../lib/time-format';
import type { CalendarItem } from '../calendar-items';
import { ApplyMineHost } from './apply-mine-host';
import { PENDING_WORDS, useDragStore } from './drag-store';
import type { DragSurface } from './drag-surface';
import { DropDialog } from './drop-dialog';
import { nameOf } from './satellite-facts';
import { useGridDrag } from './use-grid-drag';
import './drag.css';

/**
 * Drag to reschedule over a drag surface (time grid or timeline): the ghost that follows the pointer (refusal or
 * collision under it, "Copy to …" with Ctrl over another satellite's lane), the striped blocks of moves waiting for
 * the server, and the dialog of a series drop. Drawn over the view, so its thousands of blocks do not re-render on
 * each pointer move.
 */
export function DragLayer({ surface, items, zone }: { surface: DragSurface; items: ReadonlyArray<CalendarItem>; zone: string }) {
  const { state, verdict, grab, cancel } = useGridDrag(surface, items, zone);
  const pending = useDragStore((store) => store.pending);
  const element = surface.element.current;
  const lastGrab = useRef(grab);
  if (grab) lastGrab.current = grab;
  const item = lastGrab.current?.item;
  return (
    <>
      {element && state.phase === 'dragging' && item && (() => {
        const lane = state.lane ?? item.satelliteId;
        const place = surface.placeOf(state.target, lane, item.end - item.start);
        if (!place) return null;
        const refusal = verdict && !verdict.check.ok ? verdict.check.reason : undefined;
        const copyTo = state.copy ? nameOf(lane) : undefined;
        return (
          <>
            {/* Over the view while dragging: the pointer's hit test stops here instead of searching thousands of blocks. */}
            <div className={`drag-shield${state.allowed ? '' : ' drag-shield--refused'}`} />
            <div className={`drag-ghost${state.allowed ? '' : ' drag-ghost--refused'}${copyTo ? ' drag-ghost--copy' : ''}${place.nearEnd ? ' drag-ghost--end' : ''}`} style={{ transform: `translate(${place.left}px, ${place.top}px)`, width: place.width, minHeight: place.height }} data-testid="calendar-drag-ghost" data-allowed={state.allowed} data-target={new Date(state.target).toISOString()} data-lane={nameOf(lane)} data-copy={copyTo ? 'true' : undefined}>
              {copyTo && <div className="drag-ghost__copy" data-testid="calendar-drag-copy">Copy to {copyTo}</div>}
              <div className="drag-ghost__what">
                <span className="drag-ghost__time">{formatInstant(new Date(state.target), zone, 'time')}</span> {item.label}
              </div>
              {refusal && <div className="drag-ghost__refusal" data-testid="calendar-drag-refusal">{refusal}</div>}
              {state.allowed && verdict?.collisions.map((collision) => (
                <div key={collision.with.id} className="drag-ghost__collision" data-testid="calendar-drag-collision">⚠ {collision.text}</div>
              ))}
            </div>
          </>
        );
      })()}
      {element && pending.map((move) => {
        const place = surface.placeOf(move.target, move.satelliteId, move.durationMs);
        return place && (
          <div key={move.key} className={`drag-pending drag-pending--${move.state}`} style={{ left: place.left, top: place.top, width: place.width, height: place.height }} data-testid="calendar-drag-pending" data-state={move.state} aria-label={`${move.label}: ${PENDING_WORDS[move.state]}`}>
            {move.label} · {PENDING_WORDS[move.state]}
          </div>
        );
      })}
      {state.phase === 'choosing' && grab && <DropDialog item={grab.item} target={state.target} scheduleLoad={grab.scheduleLoad} zone={zone} onClose={cancel} />}
      <ApplyMineHost zone={zone} />
    </>
  );
}
