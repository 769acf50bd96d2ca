import type { ScheduleInfo } from '@taskomatic/shared';
import { IpcError, type SatelliteView } from '@taskomatic/shared/ipc';
import { create } from 'zustand';
import { desktopApi } from '../api';
import { outcomesBySchedule, type ScheduleOutcomes } from '../features/schedules/recent-outcomes';
import { errorSlice, loadingSlice, readySlice, type SatelliteSlice } from '../lib/per-satellite';
import { isReachable, useSatellitesStore } from './satellites-store';

/** Recent outcomes of a satellite's schedules, by schedule id. */
export type OutcomesMap = ReadonlyMap<number, ScheduleOutcomes>;

/** How far back the strip of recent outcomes looks (default: 14 days). */
export const OUTCOMES_WINDOW_MS = 14 * 86_400_000;
/** Task runs read from the newest run history for schedules that fire too often to be listed by the calendar. */
const NEWEST_RUNS = 300;

/**
 * The schedules of every satellite, each satellite loaded on its own (one slow or offline satellite never holds
 * the others back, and keeps its last list, greyed), with the recent outcomes of its schedules beside them.
 */
interface SchedulesState {
  readonly schedules: Readonly<Record<string, SatelliteSlice<ReadonlyArray<ScheduleInfo>>>>;
  readonly outcomes: Readonly<Record<string, SatelliteSlice<OutcomesMap>>>;
  /** Loads one satellite's schedules and outcomes (three calls, whatever the number of schedules). */
  load(satelliteId: string): Promise<void>;
  /** Marks a satellite that stopped answering: its last data stays, greyed. */
  markUnreachable(satellite: SatelliteView): void;
  /** Puts a schedule an action returned in place (an ended one leaves the list). */
  applySchedule(satelliteId: string, schedule: ScheduleInfo): void;
}

/** Answers of older loads are dropped: the latest load of a satellite wins. */
const generations = new Map<string, number>();

function unreachableError(satellite: SatelliteView): IpcError {
  const kind = satellite.status === 'expired' ? 'expired' : satellite.status === 'untrusted' ? 'untrusted' : 'offline';
  return new IpcError({ kind, message: `${satellite.name} is ${satellite.status}${satellite.statusReason ? `: ${satellite.statusReason}` : ''}` });
}

export const useSchedulesStore = create<SchedulesState>()((set, get) => ({
  schedules: {},
  outcomes: {},
  async load(satelliteId) {
    const satellite = useSatellitesStore.getState().satellites.find((item) => item.id === satelliteId);
    if (!satellite) return;
    if (!isReachable(satellite)) {
      get().markUnreachable(satellite);
      return;
    }
    const generation = (generations.get(satelliteId) ?? 0) + 1;
    generations.set(satelliteId, generation);
    const current = () => generations.get(satelliteId) === generation;
    set((state) => ({
      schedules: { ...state.schedules, [satelliteId]: loadingSlice(state.schedules[satelliteId]) },
      outcomes: { ...state.outcomes, [satelliteId]: loadingSlice(state.outcomes[satelliteId]) },
    }));
    const api = desktopApi();
    const orgAdmin = satellite.identity?.role === 'org-admin';
    const list = api.call(satelliteId, 'schedules.list', orgAdmin ? { includeSatelliteOverview: true } : {});
    const to = new Date();
    const from = new Date(to.getTime() - OUTCOMES_WINDOW_MS);
    const outcomes = Promise.all([api.call(satelliteId, 'calendar.range', { from, to }), api.call(satelliteId, 'runs.list', { from, limit: NEWEST_RUNS })]).then(([calendar, page]) => outcomesBySchedule(calendar, page.runs));
    await Promise.all([
      list.then(
        (data) => current() && set((state) => ({ schedules: { ...state.schedules, [satelliteId]: readySlice<ReadonlyArray<ScheduleInfo>>(data) } })),
        (error: unknown) => current() && set((state) => ({ schedules: { ...state.schedules, [satelliteId]: errorSlice(state.schedules[satelliteId], error) } })),
      ),
      outcomes.then(
        (data) => current() && set((state) => ({ outcomes: { ...state.outcomes, [satelliteId]: readySlice<OutcomesMap>(data) } })),
        (error: unknown) => current() && set((state) => ({ outcomes: { ...state.outcomes, [satelliteId]: errorSlice(state.outcomes[satelliteId], error) } })),
      ),
    ]);
  },
  markUnreachable(satellite) {
    // A load under way for it is abandoned: its answer, if any, would be older than this.
    generations.set(satellite.id, (generations.get(satellite.id) ?? 0) + 1);
    const error = unreachableError(satellite);
    set((state) => ({
      schedules: { ...state.schedules, [satellite.id]: errorSlice(state.schedules[satellite.id], error) },
      outcomes: { ...state.outcomes, [satellite.id]: errorSlice(state.outcomes[satellite.id], error) },
    }));
  },
  applySchedule(satelliteId, schedule) {
    set((state) => {
      const slice = state.schedules[satelliteId];
      if (!slice?.data) return state;
      const data = schedule.ended ? slice.data.filter((item) => item.id !== schedule.id) : slice.data.some((item) => item.id === schedule.id) ? slice.data.map((item) => (item.id === schedule.id ? schedule : item)) : [...slice.data, schedule];
      return { schedules: { ...state.schedules, [satelliteId]: { ...slice, data } } };
    });
  },
}));

const reloadTimers = new Map<string, ReturnType<typeof setTimeout>>();

/**
 * Reloads a satellite after `delayMs` (default: 800 ms), once for a burst of changes: a schedule firing every
 * minute on ten satellites should not turn into a storm of reloads.
 */
export function requestSchedulesReload(satelliteId: string, delayMs = 800): void {
  clearTimeout(reloadTimers.get(satelliteId));
  reloadTimers.set(
    satelliteId,
    setTimeout(() => {
      reloadTimers.delete(satelliteId);
      void useSchedulesStore.getState().load(satelliteId);
    }, delayMs),
  );
}
