import { useCallback } from 'react';
import { useShortcut } from '../../lib/shortcuts';
import { VIEW_KEYS, VIEW_NAMES } from './calendar-toolbar';
import type { CalendarView } from './view-range';

const SCOPE = 'Calendar';

/** `d w m a l` views, `t` today, arrows or `j k` to move. */
export function useCalendarKeys(onView: (view: CalendarView) => void, onStep: (direction: -1 | 1) => void, onToday: () => void): void {
  useShortcut(VIEW_KEYS.day, `${VIEW_NAMES.day} view`, SCOPE, useCallback(() => onView('day'), [onView]));
  useShortcut(VIEW_KEYS.week, `${VIEW_NAMES.week} view`, SCOPE, useCallback(() => onView('week'), [onView]));
  useShortcut(VIEW_KEYS.month, `${VIEW_NAMES.month} view`, SCOPE, useCallback(() => onView('month'), [onView]));
  useShortcut(VIEW_KEYS.agenda, `${VIEW_NAMES.agenda} view`, SCOPE, useCallback(() => onView('agenda'), [onView]));
  useShortcut(VIEW_KEYS.timeline, `${VIEW_NAMES.timeline} view`, SCOPE, useCallback(() => onView('timeline'), [onView]));
  useShortcut('t', 'Today', SCOPE, onToday);
  const back = useCallback(() => onStep(-1), [onStep]);
  const on = useCallback(() => onStep(1), [onStep]);
  useShortcut('ArrowLeft', 'Back', SCOPE, back);
  useShortcut('k', 'Back', SCOPE, back);
  useShortcut('ArrowRight', 'On', SCOPE, on);
  useShortcut('j', 'On', SCOPE, on);
}
