import type { SatelliteView } from '@taskomatic/shared/ipc';
import { SatelliteBadge } from '../../components/satellite-badge';
import { TimeText } from '../../components/time-text';
import { isReachable } from '../../stores/satellites-store';
import type { SatelliteSlice } from '../../lib/per-satellite';
import { useFleetStore } from '../../stores/fleet-store';
import { FleetActivity } from './fleet-activity';
import { SKEW_WARN_MS, type FleetData } from './fleet-facts';
import { HealthLine } from './health-line';
import { skewWords } from './needs-attention';

/** One satellite at a glance: its health, its scheduler and clock, and what runs, failed, is late or comes next. */
export function FleetCard({ satellite, slice, nowMs }: { satellite: SatelliteView; slice: SatelliteSlice<FleetData> | undefined; nowMs: number }) {
  const stale = slice?.status === 'error' || !isReachable(satellite);
  return (
    <article className="card fleet-card" data-testid="fleet-card" data-satellite={satellite.name} data-health={satellite.status} aria-label={satellite.name}>
      <header className="fleet-card__header">
        <span className="fleet-card__name">
          <SatelliteBadge satellite={satellite} />
        </span>
        <HealthLine satellite={satellite} />
      </header>
      <div className={isReachable(satellite) ? undefined : 'stale'}>
        <ServerFacts satellite={satellite} />
      </div>
      <SliceState satellite={satellite} slice={slice} stale={stale} />
      {slice?.data && (
        <div className={stale ? 'stale' : undefined}>
          <FleetActivity satellite={satellite} data={slice.data} serverNow={nowMs + (satellite.health?.clockSkewMs ?? 0)} />
        </div>
      )}
    </article>
  );
}

function ServerFacts({ satellite }: { satellite: SatelliteView }) {
  const health = satellite.health;
  const skewWarn = health !== undefined && Math.abs(health.clockSkewMs) > SKEW_WARN_MS;
  return (
    <dl className="facts fleet-card__facts">
      <dt>Scheduler</dt>
      <dd data-testid="fleet-scheduler">{!health ? 'unknown' : health.schedulerRunning ? 'running' : <strong className="fleet-warn">stopped</strong>}</dd>
      <dt>Clock</dt>
      <dd data-testid="fleet-skew" data-warn={skewWarn ? 'true' : 'false'}>{!health ? 'unknown' : skewWarn ? <strong className="fleet-warn">⚠ {skewWords(health.clockSkewMs)}</strong> : 'in sync with this computer'}</dd>
      <dt>Zone</dt>
      <dd>{satellite.timeZone ?? 'unknown'}</dd>
      {satellite.identity?.role === 'org-admin' && (
        <>
          <dt>Your view</dt>
          <dd>org {satellite.identity.org ?? satellite.identity.orgId} only</dd>
        </>
      )}
    </dl>
  );
}

/** Why a card that never got data has none, by connection status. */
const NO_DATA: Partial<Record<SatelliteView['status'], string>> = {
  offline: 'No data yet: the satellite has not answered since the app started.',
  expired: 'Log in again to see its runs and schedules.',
  untrusted: 'Nothing is sent to it until its certificate is trusted again.',
};

/** Loading, failed, or shown from older data: said once, above the numbers. */
function SliceState({ satellite, slice, stale }: { satellite: SatelliteView; slice: SatelliteSlice<FleetData> | undefined; stale: boolean }) {
  const retry = () => void useFleetStore.getState().load(satellite.id);
  if (!slice) {
    return isReachable(satellite) ? <p className="fleet-card__state muted"><span className="spinner" aria-hidden="true" /> Loading…</p> : <p className="fleet-card__state muted">{NO_DATA[satellite.status] ?? NO_DATA.offline}</p>;
  }
  if (slice.status === 'loading' && !slice.data) return <p className="fleet-card__state muted"><span className="spinner" aria-hidden="true" /> Loading…</p>;
  if (!stale) return null;
  return (
    <p className="fleet-card__state notice notice--warning" role="status">
      {slice.status === 'error' ? `Could not read it: ${slice.error?.message ?? 'no answer'}` : 'Not answering now'}
      {slice.asOf && <> · shown as of <TimeText date={slice.asOf} satellite={satellite} style="time" /></>}
      {slice.status === 'error' && isReachable(satellite) && (
        <button type="button" className="link-button" onClick={retry}>
          Retry
        </button>
      )}
    </p>
  );
}
