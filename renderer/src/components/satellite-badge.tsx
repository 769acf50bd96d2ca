import type { SatelliteView } from '@taskomatic/shared/ipc';

const STATUS_WORDS: Record<SatelliteView['status'], string> = {
  connecting: 'connecting',
  connected: 'connected',
  slow: 'slow',
  offline: 'offline',
  expired: 'session expired',
  untrusted: 'certificate not trusted',
};

/** A satellite's glyph, colour and short name; with `dot`, its health dot too. Never colour alone. */
export function SatelliteBadge({ satellite, dot = false }: { satellite: SatelliteView | undefined; dot?: boolean }) {
  if (!satellite) return <span className="satellite-badge satellite-badge--gone">removed satellite</span>;
  return (
    <span className="satellite-badge" data-satellite={satellite.name} title={`${satellite.name}: ${STATUS_WORDS[satellite.status]}${satellite.statusReason ? ` (${satellite.statusReason})` : ''}`}>
      <span className="satellite-badge__glyph" style={{ color: satellite.colour }} aria-hidden="true">
        {satellite.glyph}
      </span>
      <span className="satellite-badge__name">{satellite.name}</span>
      {dot && <HealthDot satellite={satellite} />}
    </span>
  );
}

/** The health dot: connected, slow, offline, session expired (with its word for screen readers and hover). */
export function HealthDot({ satellite }: { satellite: SatelliteView }) {
  return <span className={`health-dot health-dot--${satellite.status}`} role="img" aria-label={STATUS_WORDS[satellite.status]} data-health={satellite.status} />;
}

export function statusWords(status: SatelliteView['status']): string {
  return STATUS_WORDS[status];
}
