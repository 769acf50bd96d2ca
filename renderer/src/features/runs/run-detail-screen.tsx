import type { BunchRunDetail, RunInfo } from '@taskomatic/shared';
import type { SatelliteView } from '@taskomatic/shared/ipc';
import { useCallback } from 'react';
import { Empty, ErrorState, Loading } from '../../components/panel-state';
import { StatusBadge } from '../../components/status-badge';
import type { SatelliteSlice } from '../../lib/per-satellite';
import { formatInstant, MY_ZONE } from '../../lib/time-format';
import { useRouterStore } from '../../stores/router-store';
import { LogViewer, type LogViewerProps } from '../logs/log-viewer';
import { appLink } from './app-link';
import { RunActions } from './run-actions';
import { RunFacts } from './run-facts';
import { historyHash, runHash } from './run-links';
import { RunSteps } from './run-steps';
import { defaultStep, isUnderWay, parseLines } from './run-summary';
import { useStableSatellites } from './stable-satellites';
import { useRunDetail } from './use-run-detail';
import './runs.css';

type LogStream = NonNullable<LogViewerProps['stream']>;

/**
 * One bunch run (`#/runs/<satellite>/<run>?step=<task run>&lines=120-140`): status, satellite, schedule, times,
 * steps, actions, and the log of the selected step. Kept up to date while it is under way.
 */
export function RunDetailScreen({ segments, query }: { readonly segments: ReadonlyArray<string>; readonly query: Readonly<Record<string, string>> }) {
  const [satelliteId = '', runText = ''] = segments;
  const bunchRunId = /^\d+$/.test(runText) ? Number(runText) : Number.NaN;
  const satellite = useStableSatellites().find((item) => item.id === satelliteId);
  const { slice, reload } = useRunDetail(satelliteId, bunchRunId, satellite !== undefined);

  const body = (() => {
    if (!satellite) return <ErrorState title="Unknown satellite" message="This link names a satellite this app does not have (links name satellites by this app's own id). Add it on the Satellites screen." />;
    if (!Number.isSafeInteger(bunchRunId)) return <Empty title="No such run">The link has no run number.</Empty>;
    if (!slice?.data) return slice?.status === 'error' ? <DetailError slice={slice} satellite={satellite} bunchRunId={bunchRunId} onRetry={reload} /> : <Loading what={`run ${bunchRunId} on ${satellite.name}`} />;
    return <Detail detail={slice.data} slice={slice} satellite={satellite} satelliteId={satelliteId} query={query} onChanged={reload} />;
  })();

  return (
    <div className="screen run-detail" data-screen="run-detail" data-testid="run-detail" data-state={slice?.status ?? 'loading'}>
      <a href={historyHash()} className="muted">
        ‹ Run history
      </a>
      {body}
    </div>
  );
}

/** Why the run cannot be shown: not there (or not ours to see), or the satellite is not answering. */
function DetailError({ slice, satellite, bunchRunId, onRetry }: { slice: SatelliteSlice<BunchRunDetail>; satellite: SatelliteView; bunchRunId: number; onRetry: () => void }) {
  const error = slice.error;
  if (error?.fault === 'NOT_FOUND')
    return <ErrorState title={`Run ${bunchRunId} not found on ${satellite.name}`} message="It does not exist, it was removed by the history retention, or you may not see it (org admins see their own org's runs only)." />;
  if (error?.kind === 'offline') return <ErrorState title={`${satellite.name} is offline`} message={`The run cannot be read until it answers again. ${error.message}`} onRetry={onRetry} />;
  if (error?.kind === 'expired' || error?.kind === 'untrusted')
    return <ErrorState title={`Not connected to ${satellite.name}`} message={`${error.message} Fix it on the Satellites screen.`} />;
  return <ErrorState title={`Could not read run ${bunchRunId}`} message={error?.message ?? 'Unknown error'} onRetry={onRetry} />;
}

function Detail({ detail, slice, satellite, satelliteId, query, onChanged }: { detail: BunchRunDetail; slice: SatelliteSlice<BunchRunDetail>; satellite: SatelliteView; satelliteId: string; query: Readonly<Record<string, string>>; onChanged: () => void }) {
  const requested = query.step && /^\d+$/.test(query.step) ? Number(query.step) : undefined;
  const selected = defaultStep(detail.steps, requested);
  // A line link names lines of the step it came from: other steps open at their end.
  const lines = selected && selected.id === requested ? parseLines(query.lines) : undefined;
  const stream: LogStream | undefined = lines ? (query.stream === 'stderr' ? 'stderr' : 'stdout') : undefined;
  const select = (run: RunInfo) => useRouterStore.getState().replaceQuery({ step: run.id });
  const linkOfLines = useCallback(
    (from: number, to: number, of?: LogStream) => appLink(runHash(satelliteId, detail.id, selected?.id, `${from}-${to}`, of)),
    [satelliteId, detail.id, selected?.id],
  );
  const stale = slice.status === 'error';
  return (
    <>
      <header className="screen__header run-detail__title">
        <h1>
          {detail.scheduleLabel ?? detail.bunch} <span className="muted">· run {detail.id}</span>
        </h1>
        <span data-testid="run-status" data-status={detail.status}>
          <StatusBadge status={detail.status} />
        </span>
        {detail.statusReason && <span className="run-detail__reason">{detail.statusReason}</span>}
        <RunActions detail={detail} satellite={satellite} satelliteId={satelliteId} link={runHash(satelliteId, detail.id, selected?.id)} onChanged={onChanged} />
      </header>
      {stale && (
        <div className="notice notice--warning" role="status">
          {satellite.name} is not answering: this is the run as of {slice.asOf ? formatInstant(slice.asOf, MY_ZONE, 'time') : 'earlier'}.{' '}
          <button type="button" className="link-button" onClick={onChanged}>
            Retry
          </button>
        </div>
      )}
      <div className={`run-detail__grid ${stale ? 'stale' : ''}`}>
        <section className="card" aria-label="About this run">
          <RunFacts detail={detail} satellite={satellite} satelliteId={satelliteId} />
        </section>
        <RunSteps detail={detail} satellite={satellite} selected={selected} onSelect={select} />
      </div>
      <section className="card run-detail__log" aria-label="Log">
        <div className="run-detail__log-head">
          <h2>{selected ? `Log of step ${selected.step}: ${selected.task}` : 'Log'}</h2>
        </div>
        {selected ? (
          <LogViewer
            key={selected.id}
            satellite={satellite}
            taskRunId={selected.id}
            live={isUnderWay(selected.status)}
            {...(lines ? { lines, stream } : {})}
            {...(selected.endTime ? { endTime: selected.endTime } : {})}
            linkOfLines={linkOfLines}
          />
        ) : (
          <Empty title="No step has run yet">{isUnderWay(detail.status) ? 'The log appears when the first step starts.' : 'This run ended before any step ran.'}</Empty>
        )}
      </section>
    </>
  );
}
