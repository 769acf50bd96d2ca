import type { BunchRunDetail } from '@taskomatic/shared';
import type { SatelliteView } from '@taskomatic/shared/ipc';
import { useEffect, useState } from 'react';
import { SatelliteBadge } from '../../components/satellite-badge';
import { TimeText } from '../../components/time-text';
import { formatDuration } from '../../lib/time-format';
import { hashOf } from '../../stores/router-store';
import { paramLines, runDuration } from './run-summary';
import { satelliteOptions } from './use-filter-options';
import { useNow } from '../../lib/use-now';

/** An org's name on a satellite: an org admin's own from their identity, else from the satellite's org list. */
function useOrgName(satellite: SatelliteView | undefined, orgId: number | undefined): string | undefined {
  const own = satellite?.identity?.role === 'org-admin' && satellite.identity.orgId === orgId ? satellite.identity.org : undefined;
  const [name, setName] = useState<string>();
  useEffect(() => {
    if (own !== undefined || orgId === undefined || !satellite) return undefined;
    let live = true;
    satelliteOptions(satellite.id)
      .then((options) => live && setName(options.orgs.find((org) => org.id === orgId)?.name))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [satellite?.id, orgId, own]);
  return own ?? name;
}

/** What a bunch run is: where, from which schedule, why, when, how long, who asked, with which parameters. */
export function RunFacts({ detail, satellite, satelliteId }: { detail: BunchRunDetail; satellite: SatelliteView | undefined; satelliteId: string }) {
  const running = detail.status === 'RUNNING';
  const duration = runDuration(detail, useNow(1000, running));
  const orgName = useOrgName(satellite, detail.orgId);
  const params = paramLines(detail.params);
  return (
    <dl className="facts">
      <dt>Satellite</dt>
      <dd>
        <SatelliteBadge satellite={satellite} dot />
      </dd>
      <dt>Schedule</dt>
      <dd>
        {detail.scheduleId !== undefined ? (
          <a href={hashOf(['schedules', satelliteId, detail.scheduleId])} data-testid="run-schedule-link">
            {detail.scheduleLabel ?? `schedule ${detail.scheduleId}`}
          </a>
        ) : (
          <span className="muted">none (its schedule was deleted)</span>
        )}
      </dd>
      <dt>Bunch</dt>
      <dd>{detail.bunch}</dd>
      <dt>Scope</dt>
      <dd>{detail.orgId === undefined ? 'satellite-level' : `org ${orgName ?? `#${detail.orgId}`}`}</dd>
      <dt>Trigger</dt>
      <dd>{detail.trigger}</dd>
      <dt>Requested by</dt>
      <dd>{detail.requestedBy ?? <span className="muted">the scheduler</span>}</dd>
      <dt>Due</dt>
      <dd>
        <TimeText date={detail.dueTime} satellite={satellite} style="full" />
      </dd>
      <dt>Started</dt>
      <dd>{detail.startTime ? <TimeText date={detail.startTime} satellite={satellite} style="full" /> : <span className="muted">not started</span>}</dd>
      <dt>Ended</dt>
      <dd>{detail.endTime ? <TimeText date={detail.endTime} satellite={satellite} style="full" /> : <span className="muted">{detail.startTime ? 'still going' : '—'}</span>}</dd>
      <dt>Duration</dt>
      <dd data-testid="run-duration">{duration === undefined ? '—' : `${formatDuration(duration)}${running ? ' so far' : ''}`}</dd>
      <dt>Parameters</dt>
      <dd>
        {params.length === 0 ? (
          <span className="muted">none</span>
        ) : (
          <ul className="run-detail__params">
            {params.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        )}
      </dd>
    </dl>
  );
}
