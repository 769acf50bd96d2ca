import type { RunInfo } from '@taskomatic/shared';
import { create } from 'zustand';
import { desktopApi } from '../api';
import { PROBLEM_STATUSES, type FleetData } from '../features/fleet/fleet-facts';
import { RECENT_RUNS, usualDuration } from '../features/fleet/run-durations';
import { errorSlice, loadingSlice, readySlice, type SatelliteSlice } from '../lib/per-satellite';
import { isReachable, useSatellitesStore } from './satellites-store';

const DAY_MS = 86_400_000;
/** Problems of the last 24 h read in one page; past it the card says "or more". */
const PROBLEMS_PAGE = 1000;
/** Running schedules whose history is read to tell "longer than usual" (the rest are not judged). */
const JUDGED_SCHEDULES = 10;
/** A schedule firing more than every 15 minutes fills every slot of the 24-hour strip: the server sends it as a band. */
const UPCOMING_BAND_ABOVE = 96;

/** The fleet overview's data: one slice per satellite, each loaded on its own. */
interface FleetState {
  readonly slices: Readonly<Record<string, SatelliteSlice<FleetData>>>;
  /** Loads one satellite; an unreachable one keeps its last data (greyed by the card). */
  load(satelliteId: string): Promise<void>;
  loadAll(): Promise<void>;
  forget(satelliteId: string): void;
}

/** The latest load of each satellite: an older answer arriving late is dropped. */
const generation = new Map<string, number>();

export const useFleetStore = create<FleetState>()((set, get) => {
  const put = (satelliteId: string, slice: SatelliteSlice<FleetData>) => set({ slices: { ...get().slices, [satelliteId]: slice } });
  return {
    slices: {},
    async load(satelliteId) {
      const satellite = useSatellitesStore.getState().satellites.find((item) => item.id === satelliteId);
      if (!satellite || !isReachable(satellite)) return;
      const mine = (generation.get(satelliteId) ?? 0) + 1;
      generation.set(satelliteId, mine);
      put(satelliteId, loadingSlice(get().slices[satelliteId]));
      try {
        const data = await loadFleetData(satelliteId, Date.now() + (satellite.health?.clockSkewMs ?? 0));
        if (generation.get(satelliteId) === mine) put(satelliteId, readySlice(data));
      } catch (error) {
        if (generation.get(satelliteId) === mine) put(satelliteId, errorSlice(get().slices[satelliteId], error));
      }
    },
    async loadAll() {
      await Promise.all(useSatellitesStore.getState().satellites.map((satellite) => get().load(satellite.id)));
    },
    forget(satelliteId) {
      generation.delete(satelliteId);
      const { [satelliteId]: _gone, ...rest } = get().slices;
      set({ slices: rest });
    },
  };
});

/** One round of calls to a satellite: running runs, the last day's problems, schedules, then the usual durations of what runs. */
async function loadFleetData(satelliteId: string, serverNow: number): Promise<FleetData> {
  const api = desktopApi();
  const [running, problems, schedules, upcoming] = await Promise.all([
    api.call(satelliteId, 'runs.list', { statuses: ['RUNNING'], limit: 200 }),
    api.call(satelliteId, 'runs.list', { statuses: [...PROBLEM_STATUSES], from: new Date(serverNow - DAY_MS), limit: PROBLEMS_PAGE }),
    api.call(satelliteId, 'schedules.list', {}),
    api.call(satelliteId, 'calendar.range', { from: new Date(serverNow), to: new Date(serverNow + DAY_MS), bandAbove: UPCOMING_BAND_ABOVE }),
  ]);
  return { running: running.runs, problems: problems.runs, problemsCapped: problems.nextCursor !== undefined, schedules, medianMs: await usualDurations(satelliteId, running.runs), upcoming, upcomingFrom: serverNow };
}

/** The usual duration of each schedule running now, from its recent runs (all steps of each: a bunch run may have several). */
async function usualDurations(satelliteId: string, running: ReadonlyArray<RunInfo>): Promise<Record<number, number>> {
  const ids = [...new Set(running.flatMap((run) => (run.scheduleId === undefined ? [] : [run.scheduleId])))].slice(0, JUDGED_SCHEDULES);
  const entries = await Promise.all(
    ids.map(async (scheduleId) => {
      const history = await desktopApi().call(satelliteId, 'runs.list', { scheduleId, limit: RECENT_RUNS * 5 });
      return [scheduleId, usualDuration(history.runs)] as const;
    }),
  );
  const result: Record<number, number> = {};
  for (const [scheduleId, usual] of entries) if (usual !== undefined) result[scheduleId] = usual;
  return result;
}
