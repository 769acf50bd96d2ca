import { useCallback, useEffect, useMemo } from 'react';
import { Empty, ErrorState, Loading } from '../../components/panel-state';
import { PartialNotice } from '../../components/partial-notice';
import { onSatelliteChanges, onSatelliteReconnected } from '../../pushes';
import { useRouterStore } from '../../stores/router-store';
import { useRunsStore } from '../../stores/runs-store';
import { useSatellitesStore } from '../../stores/satellites-store';
import { rememberHistory } from './run-links';
import { isFiltered, parseRunsFilter, runsFilterQuery, satellitesOf, type RunsFilter } from './runs-filter';
import { RunsFilters } from './runs-filters';
import { RunsList } from './runs-list';
import { useStableSatellites } from './stable-satellites';
import { useFilterOptions } from './use-filter-options';
import { useMergedHistory } from './use-merged-history';
import './runs.css';

/**
 * Run history (`#/runs?…filters`): every satellite's runs merged by time, newest first, loading older pages as
 * the end comes near, updated live. A satellite still loading or offline never holds the others back: the notice
 * says so and its last runs stay, greyed.
 */
export function RunsScreen({ query }: { readonly segments: ReadonlyArray<string>; readonly query: Readonly<Record<string, string>> }) {
  const satellites = useStableSatellites();
  const filter = useMemo(() => parseRunsFilter(query), [query]);
  const shown = useMemo(() => {
    const ids = satellitesOf(filter, satellites.map((satellite) => satellite.id));
    return satellites.filter((satellite) => ids.includes(satellite.id));
  }, [filter, satellites]);
  const shownKey = shown.map((satellite) => satellite.id).join(',');
  const options = useFilterOptions(satellites.map((satellite) => satellite.id));
  const history = useMergedHistory(filter, shown);

  useEffect(() => {
    rememberHistory(runsFilterQuery(filter));
    useRunsStore.getState().open(filter, useSatellitesStore.getState().satellites);
    // Opened again when the filter or the satellites asked change, not when a satellite's health does.
  }, [filter, shownKey]);

  useEffect(() => {
    const store = useRunsStore.getState();
    const stopChanges = onSatelliteChanges((satelliteId, changes, reset) => {
      if (reset) store.restart(satelliteId);
      else {
        const runs = changes.filter((change) => change.kind === 'run').map((change) => change.id);
        if (runs.length > 0) store.refresh(satelliteId, runs);
      }
    });
    // Back from offline: what failed is read again, what was shown is brought up to date.
    const stopReconnected = onSatelliteReconnected((satelliteId) => (store.histories[satelliteId]?.slice.status === 'error' ? store.retry(satelliteId) : store.refresh(satelliteId)));
    return () => {
      stopChanges();
      stopReconnected();
    };
  }, []);

  const bottleneck = history.bottleneck.join(',');
  const loadMore = useCallback(() => useRunsStore.getState().loadMore(bottleneck ? bottleneck.split(',') : []), [bottleneck]);
  const setFilter = (next: RunsFilter) => useRouterStore.getState().replaceQuery(runsFilterQuery(next));
  const retry = () => {
    for (const satellite of shown) {
      if (history.slices[satellite.id]?.status !== 'error') continue;
      // Failed here: read again. Failed only as the health check sees it: ask the satellite first.
      if (useRunsStore.getState().histories[satellite.id]?.slice.status === 'error') useRunsStore.getState().retry(satellite.id);
      else void useSatellitesStore.getState().refresh(satellite.id).catch(() => undefined);
    }
  };
  const states = shown.map((satellite) => history.slices[satellite.id]?.status ?? 'loading').join(',');
  const filtered = isFiltered(filter);
  const empty = useMemo(() => <EmptyHistory satellites={shownKey ? shownKey.split(',').length : 0} states={states} filtered={filtered} />, [shownKey, states, filtered]);

  return (
    <div className="screen runs-screen" data-screen="runs">
      <header className="screen__header">
        <h1>Run history</h1>
        <span className="muted">{history.rows.length > 0 ? `${history.rows.length} runs${history.end.more ? ' so far' : ''}` : ''}</span>
      </header>
      <RunsFilters filter={filter} satellites={satellites} options={options} onChange={setFilter} />
      <PartialNotice satellites={shown} slices={history.slices} onRetry={retry} />
      {history.nothing.length > 0 && <div className="notice notice--warning runs-screen__none">{history.nothing.map((item) => `${item.satellite.name}: ${item.why}`).join(' · ')}</div>}
      <RunsList rows={history.rows} satellites={satellites} orgNames={options.orgNames} stale={history.stale} end={history.end} onLoadMore={loadMore} empty={empty} />
    </div>
  );
}

/** Why the list is empty: no satellite asked, still loading, nobody answered, or nothing matches. */
function EmptyHistory({ satellites, states, filtered }: { satellites: number; states: string; filtered: boolean }) {
  const each = states.split(',');
  if (satellites === 0) return <Empty title="No satellite to read runs from">Add a satellite on the <a href="#/satellites">Satellites</a> screen{filtered ? ', or clear the filters' : ''}.</Empty>;
  if (each.includes('loading')) return <Loading what="run history" />;
  if (each.every((state) => state === 'error')) return <ErrorState title="No satellite answered" message="Run history needs at least one satellite that answers: the notice above says what each one did." />;
  return (
    <Empty title={filtered ? 'No run matches these filters' : 'No runs yet'}>
      {filtered ? (
        <button type="button" className="link-button" onClick={() => useRouterStore.getState().replaceQuery({})}>
          Clear filters
        </button>
      ) : (
        'Runs appear here as schedules fire, or when you run one now.'
      )}
    </Empty>
  );
}
