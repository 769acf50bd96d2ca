import type { RunInfo } from '@taskomatic/shared';
import type { SatelliteView } from '@taskomatic/shared/ipc';
import { memo } from 'react';
import { SatelliteBadge } from '../../components/satellite-badge';
import { StatusBadge } from '../../components/status-badge';
import { TimeText } from '../../components/time-text';
import { formatDuration } from '../../lib/time-format';
import { runHash } from './run-links';
import { isUnderWay, runDuration } from './run-summary';
import { useNow } from '../../lib/use-now';

/**
 * A row of run history: one task run with its satellite, status, what ran, why, when and how long. `stale` greys
 * it when its satellite stopped answering (its last known state is shown). Placed at `top` in the list (only
 * the rows near the view are drawn).
 */
export const RunRow = memo(function RunRow({ index, top, run, satellite, satelliteId, orgName, stale }: { index: number; top: number; run: RunInfo; satellite: SatelliteView | undefined; satelliteId: string; orgName: string | undefined; stale: boolean }) {
  const running = run.status === 'RUNNING';
  const now = useNow(1000, running);
  const duration = runDuration(run, now);
  const link = runHash(satelliteId, run.bunchRunId, run.id);
  const scope = run.orgId === undefined ? 'satellite-level' : `org ${orgName ?? `#${run.orgId}`}`;
  return (
    <div className={`runs-row runs-row--run ${stale ? 'stale' : ''}`} style={{ transform: `translateY(${top}px)` }} role="row" aria-rowindex={index + 2} data-index={index} data-testid="run-row" data-satellite={satellite?.name ?? satelliteId} data-status={run.status} data-run-id={run.bunchRunId} data-task-run-id={run.id}>
      <span role="cell">
        <SatelliteBadge satellite={satellite} />
      </span>
      <span role="cell" title={run.statusReason}>
        <StatusBadge status={run.status} title={run.statusReason ? `${run.status}: ${run.statusReason}` : undefined} />
        {run.fireCount > 1 && <span className="runs-row__fires" title={`This record stands for ${run.fireCount} fires`}> ×{run.fireCount}</span>}
      </span>
      <span role="cell" className="runs-row__what">
        <a href={link} className="runs-row__label">
          {run.scheduleLabel ?? run.bunch}
        </a>
        <span className="runs-row__sub muted">
          {run.scheduleLabel ? `${run.bunch} · ` : ''}step {run.step} {run.task} · {scope}
        </span>
      </span>
      <span role="cell">{run.trigger}</span>
      <span role="cell">
        <TimeText date={run.dueTime} satellite={satellite} />
      </span>
      <span role="cell">{run.startTime ? <TimeText date={run.startTime} satellite={satellite} /> : <span className="muted">{isUnderWay(run.status) ? 'not yet' : 'never'}</span>}</span>
      <span role="cell" className="runs-row__duration">
        {duration === undefined ? <span className="muted">—</span> : formatDuration(duration)}
        {running && <span className="muted"> so far</span>}
      </span>
      <span role="cell">
        <a href={link} className="runs-row__open" aria-label={`Open run ${run.bunchRunId} on ${satellite?.name ?? 'its satellite'}`} tabIndex={-1}>
          Open ›
        </a>
      </span>
    </div>
  );
});
