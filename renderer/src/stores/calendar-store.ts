import { create } from 'zustand';
import { desktopApi } from '../api';
import type { CalendarRange } from '../features/calendar/calendar-items';
import { errorSlice, loadingSlice, readySlice, type SatelliteSlice } from '../lib/per-satellite';

/** Least time between two reloads of one satellite on live changes: a busy satellite changes many times a second. */
const CHANGE_DEBOUNCE_MS = 1500;
/** Ranges kept per satellite: switching back to a week seen a moment ago is instant. */
const KEPT_PER_SATELLITE = 12;

const keyOf = (from: number, to: number) => `${from}-${to}`;

/**
 * A schedule firing (or having run) more often than every half hour on average over the range comes as a band:
 * drawn as blocks, with a block's 15-minute minimum height, it would fill the overlap columns of every day.
 */
const BAND_EVERY_MS = 30 * 60_000;
export const bandAboveOf = (from: number, to: number) => Math.max(1, Math.round((to - from) / BAND_EVERY_MS));

/**
 * The calendar's data: each satellite's `calendar.range` answers, cached per range, loaded independently (a slow
 * satellite never holds the others back). A range shown again is drawn from the cache at once and read again in
 * the background when a change was reported since.
 */
interface CalendarState {
  /** satelliteId → range key → slice. */
  readonly ranges: Readonly<Record<string, Readonly<Record<string, SatelliteSlice<CalendarRange>>>>>;
  readonly shown?: { readonly satelliteIds: ReadonlyArray<string>; readonly from: number; readonly to: number };
  /** Shows a range: cached satellites draw at once; missing or outdated ones load. */
  open(satelliteIds: ReadonlyArray<string>, from: number, to: number): void;
  /** A satellite reported changes (debounced): its shown range is read again, the other cached ones dropped. */
  changed(satelliteId: string): void;
  /** Reads the shown range again (a retry, a reconnect). */
  reload(satelliteId?: string): void;
}

/** Ranges known to be outdated (a change came since they were read), by satellite. */
const outdated = new Map<string, Set<string>>();
const timers = new Map<string, ReturnType<typeof setTimeout>>();

export function sliceOf(state: CalendarState, satelliteId: string, from: number, to: number): SatelliteSlice<CalendarRange> | undefined {
  return state.ranges[satelliteId]?.[keyOf(from, to)];
}

export const useCalendarStore = create<CalendarState>()((set, get) => {
  const put = (id: string, key: string, slice: SatelliteSlice<CalendarRange>) => {
    const mine = { ...get().ranges[id], [key]: slice };
    // Oldest ranges leave first (insertion order), the shown one stays.
    const keys = Object.keys(mine);
    for (const old of keys.slice(0, Math.max(0, keys.length - KEPT_PER_SATELLITE))) if (old !== key) delete mine[old];
    set({ ranges: { ...get().ranges, [id]: mine } });
  };

  async function load(id: string, from: number, to: number): Promise<void> {
    const key = keyOf(from, to);
    outdated.get(id)?.delete(key);
    put(id, key, loadingSlice(get().ranges[id]?.[key]));
    try {
      const range = await desktopApi().call(id, 'calendar.range', { from: new Date(from), to: new Date(to), bandAbove: bandAboveOf(from, to) });
      put(id, key, readySlice(range));
    } catch (error) {
      put(id, key, errorSlice(get().ranges[id]?.[key], error));
    }
  }

  return {
    ranges: {},
    open(satelliteIds, from, to) {
      set({ shown: { satelliteIds, from, to } });
      const key = keyOf(from, to);
      for (const id of satelliteIds) {
        const slice = get().ranges[id]?.[key];
        if (!slice || (slice.status === 'error' && slice.data === undefined) || outdated.get(id)?.has(key)) void load(id, from, to);
      }
    },
    changed(satelliteId) {
      const keys = Object.keys(get().ranges[satelliteId] ?? {});
      outdated.set(satelliteId, new Set(keys));
      clearTimeout(timers.get(satelliteId));
      timers.set(
        satelliteId,
        setTimeout(() => {
          const shown = get().shown;
          if (shown?.satelliteIds.includes(satelliteId)) void load(satelliteId, shown.from, shown.to);
        }, CHANGE_DEBOUNCE_MS),
      );
    },
    reload(satelliteId) {
      const shown = get().shown;
      if (!shown) return;
      for (const id of shown.satelliteIds) if (satelliteId === undefined || id === satelliteId) void load(id, shown.from, shown.to);
    },
  };
});
