import type { SatelliteView } from '@taskomatic/shared/ipc';
import { formatInstant, formatRelative, instantTooltip, zoneOf, type TimeStyle } from '../lib/time-format';
import { usePreferencesStore } from '../stores/preferences-store';

/**
 * An absolute time in the display zone the user picked (mine, the satellite's, UTC), always with the zone's
 * abbreviation; hovering shows mine, the satellite's and UTC. `relative` adds "in 5 min" / "3 h ago".
 */
export function TimeText({ date, satellite, style = 'datetime', relative = false }: { date: Date | undefined; satellite?: SatelliteView; style?: TimeStyle; relative?: boolean }) {
  const displayZone = usePreferencesStore((state) => state.displayZone);
  const hour24 = usePreferencesStore((state) => state.hour24);
  if (!date) return <span className="time-text time-text--none">—</span>;
  const zone = zoneOf(displayZone, satellite?.timeZone);
  return (
    <time className="time-text" dateTime={date.toISOString()} title={instantTooltip(date, satellite?.name, satellite?.timeZone, hour24)}>
      {formatInstant(date, zone, style, hour24)}
      {relative && <span className="time-text__relative"> ({formatRelative(date)})</span>}
    </time>
  );
}
