import type { ScheduleInfo } from '@taskomatic/shared';
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { useShortcut } from '../../../lib/shortcuts';
import type { CalendarItem } from '../calendar-items';
import { commitsOnRelease, copiesOnRelease, dragReducer, IDLE } from './drag-machine';
import { catalogOf, scheduleOf } from './drag-sources';
import type { DragSurface } from './drag-surface';
import { copyVerdictOf, isDraggable, verdictOf, type Catalog, type DropVerdict } from './drop-check';
import { sendOnceDrop, undoLast } from './commit-move';
import { offerRunNow } from './run-now-offer';
import { nameOf, roleOn } from './satellite-facts';
import { sendCopy } from './send-copy';

/** What the drag read when it began: the block, where it was grabbed, and the schedule and catalog as they arrive. */
interface Grab {
  readonly item: CalendarItem;
  readonly offsetPx: number;
  schedule?: ScheduleInfo;
  catalog?: Catalog;
  scheduleLoad: Promise<ScheduleInfo>;
}

/** The pointer as last seen while pressing, so that pressing or letting go of Ctrl alone redraws the ghost. */
interface Pointer {
  readonly clientX: number;
  readonly clientY: number;
  readonly altKey: boolean;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
}

/**
 * Pointer-drag of future blocks on a drag surface (the week and day columns, the timeline's lanes): press on a
 * block, move past a few pixels, release. Listens on the surface's element and, while a press lasts, on the window
 * (the pointer may leave it); Esc cancels. Over another satellite's lane the drop is refused, or with Ctrl held a
 * copy there.
 */
export function useGridDrag(surface: DragSurface, items: ReadonlyArray<CalendarItem>, zone: string) {
  const grid = surface.element;
  const [state, dispatch] = useReducer(dragReducer, IDLE);
  const [verdict, setVerdict] = useState<DropVerdict | undefined>();
  const lastVerdict = useRef<DropVerdict | undefined>(undefined);
  const grab = useRef<Grab | undefined>(undefined);
  const live = useRef({ state, surface, items, zone });
  live.current = { state, surface, items, zone };
  const suppressClick = useRef(false);
  const pointer = useRef<Pointer | undefined>(undefined);

  useEffect(() => {
    const element = grid.current;
    if (!element) return undefined;
    const onDown = (event: PointerEvent) => {
      // A drag released off its block makes no click: the flag must not eat the next real one.
      suppressClick.current = false;
      if (event.button !== 0 || live.current.state.phase !== 'idle') return;
      const block = (event.target as HTMLElement).closest<HTMLElement>('[data-key]');
      const item = block ? live.current.items.find((candidate) => candidate.key === block.dataset.key) : undefined;
      if (!block || !item || item.scheduleId === undefined || !isDraggable(item, Date.now())) return;
      // No text selection or native link drag: the pointer belongs to the calendar until release.
      event.preventDefault();
      const scheduleLoad = scheduleOf(item.satelliteId, item.scheduleId);
      const current: Grab = { item, offsetPx: live.current.surface.grabOffset(event.clientX, event.clientY, block.getBoundingClientRect()), scheduleLoad };
      grab.current = current;
      scheduleLoad.then((schedule) => (current.schedule = schedule)).catch(() => undefined);
      catalogOf(item.satelliteId).then((catalog) => (current.catalog = catalog)).catch(() => undefined);
      setVerdict(undefined);
      dispatch({ type: 'press', subject: { key: item.key, kind: item.scheduleKind ?? 'cron', from: item.start }, x: event.clientX, y: event.clientY });
    };
    const onClick = (event: MouseEvent) => {
      if (!suppressClick.current) return;
      suppressClick.current = false;
      event.preventDefault();
      event.stopPropagation();
    };
    element.addEventListener('pointerdown', onDown);
    element.addEventListener('click', onClick, true);
    return () => {
      element.removeEventListener('pointerdown', onDown);
      element.removeEventListener('click', onClick, true);
    };
  }, [grid]);

  const pressing = state.phase === 'pressed' || state.phase === 'dragging';
  useEffect(() => {
    if (!pressing) return undefined;
    const onMove = (event: Pointer) => {
      pointer.current = { clientX: event.clientX, clientY: event.clientY, altKey: event.altKey, ctrlKey: event.ctrlKey, metaKey: event.metaKey };
      const current = grab.current;
      if (!current) return;
      const { surface: shown, items: shownItems, zone: shownZone } = live.current;
      const point = shown.pointAt(event.clientX, event.clientY, current.offsetPx, current.item.scheduleZone ?? shownZone, event.altKey);
      const lane = point?.satelliteId ?? current.item.satelliteId;
      const copy = lane !== current.item.satelliteId && (event.ctrlKey || event.metaKey);
      const found = point === null ? undefined : copy ? copyVerdictOf(current.item, point.at, Date.now(), roleOn(lane), nameOf(lane)) : verdictOf(current.item, current.item.scheduleKind ?? 'cron', point.at, Date.now(), shownItems, windowOf(current.schedule), current.catalog, lane);
      lastVerdict.current = found;
      setVerdict(found);
      dispatch({ type: 'move', x: event.clientX, y: event.clientY, target: point?.at ?? null, allowed: found?.check.ok ?? false, lane: point?.satelliteId ?? undefined, copy });
    };
    // Ctrl pressed or let go without moving changes a move into a copy and back.
    const onModifier = (event: KeyboardEvent) => {
      if (event.key !== 'Control' && event.key !== 'Meta') return;
      const last = pointer.current;
      // The key's own event carries the modifiers as they are after it (Ctrl up: ctrlKey false).
      if (last) onMove({ ...last, altKey: event.altKey, ctrlKey: event.ctrlKey, metaKey: event.metaKey });
    };
    const onUp = () => {
      const before = live.current.state;
      if (before.phase === 'dragging') suppressClick.current = true;
      const current = grab.current;
      if (commitsOnRelease(before) && current) {
        void sendOnceDrop(current.item, current.scheduleLoad, before.target, live.current.zone);
      }
      if (copiesOnRelease(before) && current) void sendCopy(current.item, current.scheduleLoad, before.lane, before.target, live.current.zone);
      const refusal = lastVerdict.current?.check;
      if (before.phase === 'dragging' && !before.allowed && current && refusal && !refusal.ok && refusal.code === 'in-the-past') offerRunNow(current.item);
      dispatch({ type: 'release' });
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      // Before the app's shortcuts: Esc ends the drag, nothing else.
      event.preventDefault();
      event.stopPropagation();
      suppressClick.current = live.current.state.phase === 'dragging';
      dispatch({ type: 'cancel' });
    };
    window.addEventListener('pointermove', onMove);
    window.addEventListener('pointerup', onUp);
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('keydown', onModifier);
    window.addEventListener('keyup', onModifier);
    return () => {
      window.removeEventListener('pointermove', onMove);
      window.removeEventListener('pointerup', onUp);
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('keydown', onModifier);
      window.removeEventListener('keyup', onModifier);
      pointer.current = undefined;
    };
  }, [pressing]);

  useShortcut('Ctrl+Z', 'Undo the last move', 'Calendar', useCallback(() => void undoLast(), []));
  const cancel = useCallback(() => dispatch({ type: 'cancel' }), []);
  return { state, verdict, grab: grab.current, cancel };
}

function windowOf(schedule: ScheduleInfo | undefined) {
  return schedule ? { activeFrom: schedule.activeFrom?.getTime() ?? null, activeTill: schedule.activeTill?.getTime() ?? null } : undefined;
}
