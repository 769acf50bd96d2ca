import type { ScheduleInfo } from '@taskomatic/shared';
import { useCallback, useEffect, useReducer, useRef, useState, type RefObject } from 'react';
import { useShortcut } from '../../../lib/shortcuts';
import type { CalendarItem } from '../calendar-items';
import type { ZoneDay } from '../zone-clock';
import { commitsOnRelease, dragReducer, IDLE } from './drag-machine';
import { catalogOf, scheduleOf } from './drag-sources';
import { isDraggable, verdictOf, type Catalog, type DropVerdict } from './drop-check';
import { columnBoxes } from './ghost-place';
import { sendOnceDrop, undoLast } from './commit-move';
import { instantAtPointer } from './pointer-instant';
import { offerRunNow } from './run-now-offer';

/** What the drag read when it began: the block, where it was grabbed, and the schedule and catalog as they arrive. */
interface Grab {
  readonly item: CalendarItem;
  readonly offsetPx: number;
  schedule?: ScheduleInfo;
  catalog?: Catalog;
  scheduleLoad: Promise<ScheduleInfo>;
}

/**
 * Pointer-drag of future blocks in a time grid: press on a block, move past a few pixels, release. Listens on
 * the grid element and, while a press lasts, on the window (the pointer may leave the grid); Esc cancels.
 */
export function useGridDrag(grid: RefObject<HTMLElement | null>, days: ReadonlyArray<ZoneDay>, items: ReadonlyArray<CalendarItem>, zone: string, pxPerMinute: number) {
  const [state, dispatch] = useReducer(dragReducer, IDLE);
  const [verdict, setVerdict] = useState<DropVerdict | undefined>();
  const lastVerdict = useRef<DropVerdict | undefined>(undefined);
  const grab = useRef<Grab | undefined>(undefined);
  const live = useRef({ state, days, items, zone });
  live.current = { state, days, items, zone };
  const suppressClick = useRef(false);

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
      const current: Grab = { item, offsetPx: event.clientY - block.getBoundingClientRect().top, scheduleLoad };
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
    const onMove = (event: PointerEvent) => {
      const current = grab.current;
      const element = grid.current;
      if (!current || !element) return;
      const { days: shownDays, items: shownItems, zone: shownZone } = live.current;
      const target = instantAtPointer(columnBoxes(element, shownDays), event.clientX, event.clientY, current.offsetPx, pxPerMinute, shownZone, current.item.scheduleZone ?? shownZone, event.altKey);
      const found = target === null ? undefined : verdictOf(current.item, current.item.scheduleKind ?? 'cron', target, Date.now(), shownItems, windowOf(current.schedule), current.catalog);
      lastVerdict.current = found;
      setVerdict(found);
      dispatch({ type: 'move', x: event.clientX, y: event.clientY, target, allowed: found?.check.ok ?? false });
    };
    const onUp = () => {
      const before = live.current.state;
      if (before.phase === 'dragging') suppressClick.current = true;
      const current = grab.current;
      if (commitsOnRelease(before) && current) {
        void sendOnceDrop(current.item, current.scheduleLoad, before.target, live.current.zone);
      }
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
    return () => {
      window.removeEventListener('pointermove', onMove);
      window.removeEventListener('pointerup', onUp);
      window.removeEventListener('keydown', onKey, true);
    };
  }, [pressing, grid, pxPerMinute]);

  useShortcut('Ctrl+Z', 'Undo the last move', 'Calendar', useCallback(() => void undoLast(), []));
  const cancel = useCallback(() => dispatch({ type: 'cancel' }), []);
  return { state, verdict, grab: grab.current, cancel };
}

function windowOf(schedule: ScheduleInfo | undefined) {
  return schedule ? { activeFrom: schedule.activeFrom?.getTime() ?? null, activeTill: schedule.activeTill?.getTime() ?? null } : undefined;
}
