import type { SatelliteView } from '@taskomatic/shared/ipc';
import { create } from 'zustand';
import { desktopApi } from '../api';
import { coalesced } from '../features/runs/coalesced';
import { applyHeadPage, appendPage, beyondPage, firstPage, replaceRuns, type HistoryData } from '../features/runs/history-pages';
import { runsFilterKey, satellitesOf, type RunsFilter } from '../features/runs/runs-filter';
import { listFilterOf, needsOrgList, orgScopeOf, type RunsListFilter } from '../features/runs/satellite-query';
import { errorSlice, loadingSlice, readySlice, type SatelliteSlice } from '../lib/per-satellite';
import { useSatellitesStore } from './satellites-store';

/** Runs per page of `runs.list` (its maximum is 1000). */
const PAGE = 200;
/** Newest runs read again on a live change: more than arrive between two refreshes of a busy satellite. */
const HEAD = 100;
/** A window like "last hour" is fixed when history opens; reopened after this long, it moves to now. */
const WINDOW_MOVES_AFTER_MS = 5 * 60_000;
/** Least time between two live refreshes of one satellite's newest runs: a busy satellite changes many times a second. */
const REFRESH_SPACING_MS = 1000;

/** One satellite's part of run history. */
export interface SatelliteHistory {
  /** Loading its first page, ready, or failed (its runs kept, greyed, with when they were read). */
  readonly slice: SatelliteSlice<HistoryData>;
  readonly loadingMore: boolean;
}

/**
 * Run history across satellites: each satellite's pages, newest first, for the filter in use. Merging them by
 * time is the screen's (features/runs/runs-merge.ts); the store loads, pages and keeps them up to date.
 */
interface RunsState {
  readonly filterKey?: string;
  readonly histories: Readonly<Record<string, SatelliteHistory>>;
  /** Shows history for `filter`: reloads when the filter changed, else only adds satellites added since. */
  open(filter: RunsFilter, satellites: ReadonlyArray<SatelliteView>): void;
  /** Loads the next (older) page of these satellites. */
  loadMore(satelliteIds: ReadonlyArray<string>): void;
  /**
   * Reads a satellite's newest runs again (a live change): new ones go on top, changed ones change in place.
   * `bunchRunIds` (from the changes feed) are read on their own when their runs are older than the newest page.
   */
  refresh(satelliteId: string, bunchRunIds?: ReadonlyArray<number>): void;
  /** Reads a satellite's history from its first page again (the changes feed lost track). */
  restart(satelliteId: string): void;
  /** Retries every satellite that failed (all, or one). */
  retry(satelliteId?: string): void;
}

/** What the loads in flight belong to: answers for an older filter are dropped. */
let session = { generation: 0, filter: undefined as RunsFilter | undefined, now: 0, params: new Map<string, RunsListFilter | null>() };
/** Bunch runs reported changed since the last refresh, by satellite. */
const changedRuns = new Map<string, Set<number>>();
/** At most this many old bunch runs read on their own per refresh (a burst of changes waits for the next). */
const OLD_RUNS_PER_REFRESH = 20;

export const useRunsStore = create<RunsState>()((set, get) => {
  const put = (id: string, history: SatelliteHistory) => set({ histories: { ...get().histories, [id]: history } });
  const current = (generation: number) => generation === session.generation;

  async function start(id: string): Promise<void> {
    const { generation, filter, now } = session;
    if (!filter) return;
    put(id, { slice: loadingSlice(get().histories[id]?.slice), loadingMore: false });
    try {
      const identity = useSatellitesStore.getState().satellites.find((item) => item.id === id)?.identity;
      const orgs = needsOrgList(filter.org, identity) ? await desktopApi().call(id, 'orgs.list') : undefined;
      const scope = orgScopeOf(filter.org, identity, orgs);
      if (!current(generation)) return;
      if (scope.kind === 'none') {
        session.params.set(id, null);
        return put(id, { slice: readySlice({ runs: [], none: scope.why }), loadingMore: false });
      }
      const params = listFilterOf(filter, scope, now);
      session.params.set(id, params);
      const page = await desktopApi().call(id, 'runs.list', { ...params, limit: PAGE });
      if (current(generation)) put(id, { slice: readySlice(firstPage(page)), loadingMore: false });
    } catch (error) {
      if (current(generation)) put(id, { slice: errorSlice(get().histories[id]?.slice, error), loadingMore: false });
    }
  }

  async function more(id: string): Promise<void> {
    const { generation } = session;
    const history = get().histories[id];
    const params = session.params.get(id);
    const cursor = history?.slice.data?.nextCursor;
    if (!history || !params || cursor === undefined || history.loadingMore || history.slice.status !== 'ready') return;
    put(id, { ...history, loadingMore: true });
    try {
      const page = await desktopApi().call(id, 'runs.list', { ...params, before: cursor, limit: PAGE });
      const now = get().histories[id]?.slice;
      // A refresh that started the satellite over in the meantime makes this page meaningless.
      if (!current(generation) || now?.data?.nextCursor !== cursor) return;
      put(id, { slice: readySlice(appendPage(now.data, page)), loadingMore: false });
    } catch (error) {
      if (current(generation)) put(id, { slice: errorSlice(get().histories[id]?.slice, error), loadingMore: false });
    }
  }

  async function refreshNow(id: string): Promise<void> {
    const { generation } = session;
    const params = session.params.get(id);
    const data = get().histories[id]?.slice.data;
    if (params === null) return;
    if (!params || !data) return start(id);
    try {
      const page = await desktopApi().call(id, 'runs.list', { ...params, limit: HEAD });
      const changed = changedRuns.get(id) ?? new Set<number>();
      changedRuns.delete(id);
      const old = beyondPage(get().histories[id]?.slice.data ?? { runs: [] }, page, changed);
      if (old.length > OLD_RUNS_PER_REFRESH) {
        // A burst of changes: the rest waits for the next refresh.
        changedRuns.set(id, new Set(old.slice(OLD_RUNS_PER_REFRESH)));
        refresher.run(id);
      }
      // A bunch run removed meanwhile (retention) is simply not updated.
      const details = await Promise.all(old.slice(0, OLD_RUNS_PER_REFRESH).map((bunchRunId) => desktopApi().call(id, 'runs.get', { bunchRunId }).catch(() => undefined)));
      // Applied to the history as it is now: a page may have been added while these were read.
      const now = get().histories[id];
      if (!current(generation) || !now?.slice.data) return;
      const next = details.reduce((history, detail) => (detail ? replaceRuns(history, detail.steps) : history), applyHeadPage(now.slice.data, page));
      // Nothing new: the list is not drawn again (the time it was read only matters for a satellite that failed).
      if (next !== now.slice.data || now.slice.status !== 'ready') put(id, { slice: readySlice(next), loadingMore: now.loadingMore });
    } catch (error) {
      if (current(generation)) put(id, { slice: errorSlice(get().histories[id]?.slice, error), loadingMore: false });
    }
  }

  const refresher = coalesced(refreshNow, REFRESH_SPACING_MS);

  return {
    histories: {},
    open(filter, satellites) {
      const ids = satellitesOf(filter, satellites.map((satellite) => satellite.id));
      const key = runsFilterKey(filter);
      const windowMoved = filter.window !== 'all' && filter.window !== 'custom' && Date.now() - session.now > WINDOW_MOVES_AFTER_MS;
      if (key === get().filterKey && !windowMoved) {
        // The same history shown again: kept as it was, brought up to date.
        const kept = Object.fromEntries(Object.entries(get().histories).filter(([id]) => ids.includes(id)));
        set({ histories: kept });
        for (const id of ids) {
          if (kept[id]) get().refresh(id);
          else void start(id);
        }
        return;
      }
      session = { generation: session.generation + 1, filter, now: Date.now(), params: new Map() };
      set({ filterKey: key, histories: Object.fromEntries(ids.map((id) => [id, { slice: { status: 'loading' }, loadingMore: false }])) });
      for (const id of ids) void start(id);
    },
    loadMore(satelliteIds) {
      for (const id of satelliteIds) void more(id);
    },
    refresh(satelliteId, bunchRunIds = []) {
      if (!get().histories[satelliteId]) return;
      const changed = changedRuns.get(satelliteId) ?? new Set<number>();
      for (const bunchRunId of bunchRunIds) changed.add(bunchRunId);
      changedRuns.set(satelliteId, changed);
      refresher.run(satelliteId);
    },
    restart(satelliteId) {
      if (get().histories[satelliteId]) void start(satelliteId);
    },
    retry(satelliteId) {
      for (const [id, history] of Object.entries(get().histories)) {
        if (satelliteId !== undefined && id !== satelliteId) continue;
        if (history.slice.status === 'error') void (history.slice.data ? refreshNow(id) : start(id));
      }
    },
  };
});
