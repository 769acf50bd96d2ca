import type { SatelliteView } from '@taskomatic/shared/ipc';
import { HealthDot } from '../../components/satellite-badge';
import { TimeText } from '../../components/time-text';
import { formatDuration } from '../../lib/time-format';

/** How a satellite's connection is doing, in words, with what to do about it when something can be done. */
export function HealthLine({ satellite }: { satellite: SatelliteView }) {
  return (
    <span className="health-line" title={satellite.statusReason}>
      <HealthDot satellite={satellite} /> <HealthWords satellite={satellite} />
    </span>
  );
}

function HealthWords({ satellite }: { satellite: SatelliteView }) {
  const latency = satellite.latencyMs === undefined ? '' : ` · ${formatDuration(satellite.latencyMs)}`;
  switch (satellite.status) {
    case 'connecting':
      return <>Connecting…</>;
    case 'connected':
      return <>Connected{latency}</>;
    case 'slow':
      return <>Slow{latency}</>;
    case 'offline':
      return (
        <>
          Offline{satellite.lastSeen && <> · as of <TimeText date={satellite.lastSeen} satellite={satellite} style="time" /></>}
        </>
      );
    case 'expired':
      return (
        <>
          Session expired · <a href="#/satellites">Log in</a>
        </>
      );
    case 'untrusted':
      return (
        <>
          Certificate not trusted · <a href="#/satellites">Review</a>
        </>
      );
  }
}
