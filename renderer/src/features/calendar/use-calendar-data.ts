import type { SatelliteView } from '@taskomatic/shared/ipc';
import { useEffect, useMemo } from 'react';
import type { SatelliteSlice } from '../../lib/per-satellite';
import { onSatelliteChanges, onSatelliteReconnected } from '../../pushes';
import { sliceOf, useCalendarStore } from '../../stores/calendar-store';
import { calendarItems, type CalendarItem, type CalendarRange } from './calendar-items';
import { mergedItems } from './items-cache';

/** Per answer, its items: computed once per answer object, so switching views over cached data costs nothing. */
const itemsCache = new WeakMap<CalendarRange, ReadonlyArray<CalendarItem>>();

function itemsOf(satellite: SatelliteView, range: CalendarRange, now: number): ReadonlyArray<CalendarItem> {
  let found = itemsCache.get(range);
  if (!found) {
    found = calendarItems(satellite.id, range, satellite.identity?.role === 'org-admin', now);
    itemsCache.set(range, found);
  }
  return found;
}

/**
 * The shown satellites' answers for a range, their items merged, kept live with the changes feed. `satellites`
 * should change only when ids or roles do (useSteadySatellites), not at each health check.
 */
export function useCalendarData(satellites: ReadonlyArray<SatelliteView>, from: number, to: number) {
  const ids = satellites.map((satellite) => satellite.id).join(',');
  useEffect(() => {
    useCalendarStore.getState().open(ids ? ids.split(',') : [], from, to);
  }, [ids, from, to]);

  useEffect(() => {
    const store = useCalendarStore.getState();
    const stopChanges = onSatelliteChanges((satelliteId, changes, reset) => {
      if (reset || changes.some((change) => change.kind === 'schedule' || change.kind === 'run')) store.changed(satelliteId);
    });
    const stopReconnected = onSatelliteReconnected((satelliteId) => store.reload(satelliteId));
    return () => {
      stopChanges();
      stopReconnected();
    };
  }, []);

  const ranges = useCalendarStore((state) => state.ranges);
  const slices = useMemo(() => {
    const result: Record<string, SatelliteSlice<CalendarRange> | undefined> = {};
    for (const satellite of satellites) result[satellite.id] = sliceOf({ ranges } as Parameters<typeof sliceOf>[0], satellite.id, from, to);
    return result;
  }, [ranges, satellites, from, to]);

  // The same array while the answers are the same ones (another range's answer arriving changes `ranges` too).
  const items = useMemo(() => {
    const now = Date.now();
    const lists = satellites.flatMap((satellite) => {
      const data = slices[satellite.id]?.data;
      return data ? [itemsOf(satellite, data, now)] : [];
    });
    return mergedItems(lists);
  }, [slices, satellites]);

  const capped = satellites.filter((satellite) => slices[satellite.id]?.data?.capped);
  return { slices, items, capped };
}
