import type { SatelliteView } from '@taskomatic/shared/ipc';
import { useMemo } from 'react';
import { statusWords } from '../../components/satellite-badge';
import type { SatelliteSlice } from '../../lib/per-satellite';
import { useRunsStore } from '../../stores/runs-store';
import { isReachable } from '../../stores/satellites-store';
import type { HistoryData } from './history-pages';
import type { ListEnd } from './runs-list';
import { matchesInApp, type RunsFilter } from './runs-filter';
import { mergeHistories, type MergedRun } from './runs-merge';

/** Run history as the screen shows it. */
export interface ShownHistory {
  readonly rows: ReadonlyArray<MergedRun>;
  /** Each satellite's part as the notice shows it. */
  readonly slices: Readonly<Record<string, SatelliteSlice<HistoryData> | undefined>>;
  /** Satellites whose runs are greyed (they stopped answering). */
  readonly stale: ReadonlySet<string>;
  readonly end: ListEnd;
  /** The satellites whose next page to load when the end comes near. */
  readonly bottleneck: ReadonlyArray<string>;
  /** Satellites that can have no run for the filter, and why. */
  readonly nothing: ReadonlyArray<{ readonly satellite: SatelliteView; readonly why: string }>;
}

/**
 * A satellite's history as the notice and the rows show it: one that stopped answering is shown as failed even
 * when nothing was asked of it since (its runs greyed, "offline, as of" when they were read), and holds no one back.
 */
function sliceAsShown(slice: SatelliteSlice<HistoryData> | undefined, satellite: SatelliteView): SatelliteSlice<HistoryData> | undefined {
  if (!slice || slice.status !== 'ready' || isReachable(satellite)) return slice;
  return { ...slice, status: 'error', error: { kind: satellite.status === 'offline' ? 'offline' : 'expired', message: satellite.statusReason ?? statusWords(satellite.status) } };
}

/** The merged history of these satellites for the filter, from the runs store. */
export function useMergedHistory(filter: RunsFilter, shown: ReadonlyArray<SatelliteView>): ShownHistory {
  const histories = useRunsStore((state) => state.histories);
  const slices = useMemo(() => Object.fromEntries(shown.map((satellite) => [satellite.id, sliceAsShown(histories[satellite.id]?.slice, satellite)])), [shown, histories]);
  const loadingMore = shown.some((satellite) => histories[satellite.id]?.loadingMore);
  const merged = useMemo(
    () =>
      mergeHistories(
        shown.map(({ id }) => ({ satelliteId: id, runs: slices[id]?.data?.runs ?? [], holds: slices[id]?.status === 'ready' && slices[id]?.data?.nextCursor !== undefined })),
      ),
    [shown, slices],
  );
  const rows = useMemo(() => merged.rows.filter((row) => matchesInApp(filter, row.run)), [merged, filter]);
  const derived = useMemo(() => {
    const all = shown.map((satellite) => slices[satellite.id]);
    return {
      stale: new Set(shown.filter((satellite) => slices[satellite.id]?.status === 'error').map((satellite) => satellite.id)),
      more: all.some((slice) => slice?.status === 'ready' && slice.data?.nextCursor !== undefined),
      complete: all.every((slice) => slice?.status === 'ready'),
      nothing: shown.flatMap((satellite) => {
        const why = slices[satellite.id]?.data?.none;
        return why ? [{ satellite, why }] : [];
      }),
    };
  }, [shown, slices]);
  const read = merged.rows.length;
  const end = useMemo(() => ({ more: derived.more, loading: loadingMore, complete: derived.complete, read }), [derived.more, loadingMore, derived.complete, read]);
  return { rows, slices, stale: derived.stale, end, bottleneck: merged.bottleneck, nothing: derived.nothing };
}
