import { formatInstant, instantTooltip, MY_ZONE } from '../../lib/time-format';
import { usePreferencesStore } from '../../stores/preferences-store';

/** An instant in one named zone, with the zone's abbreviation, and mine / the satellite's / UTC on hover. */
function ZonedTime({ date, zone, satelliteName, satelliteZone }: { date: Date; zone: string; satelliteName: string | undefined; satelliteZone: string | undefined }) {
  const hour24 = usePreferencesStore((state) => state.hour24);
  return (
    <time className="time-text" dateTime={date.toISOString()} title={instantTooltip(date, satelliteName, satelliteZone, hour24)}>
      {formatInstant(date, zone, 'full', hour24)}
    </time>
  );
}

/**
 * The next fires side by side in the schedule's zone (where the cron is evaluated) and mine: the comparison that
 * catches "02:00 there is 20:00 here". One column when the two zones are the same.
 */
export function NextFires({ fires, zone, satelliteName, satelliteZone, checking, empty }: { fires: ReadonlyArray<Date>; zone: string; satelliteName: string | undefined; satelliteZone: string | undefined; checking: boolean; /** Why there are none. */ empty: string }) {
  const same = zone === MY_ZONE;
  return (
    <table className={`data next-fires ${checking ? 'next-fires--checking' : ''}`} data-testid="next-fires" aria-busy={checking}>
      <thead>
        <tr>
          <th>#</th>
          <th>In the schedule's zone ({zone}){same ? ', which is also mine' : ''}</th>
          {!same && <th>Mine ({MY_ZONE})</th>}
        </tr>
      </thead>
      <tbody>
        {fires.map((fire, index) => (
          <tr key={fire.getTime()} data-testid="next-fire">
            <td className="muted">{index + 1}</td>
            <td>
              <ZonedTime date={fire} zone={zone} satelliteName={satelliteName} satelliteZone={satelliteZone} />
            </td>
            {!same && (
              <td>
                <ZonedTime date={fire} zone={MY_ZONE} satelliteName={satelliteName} satelliteZone={satelliteZone} />
              </td>
            )}
          </tr>
        ))}
        {fires.length === 0 && (
          <tr>
            <td colSpan={same ? 2 : 3} className="muted">
              {checking ? 'Asking the satellite…' : empty}
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
