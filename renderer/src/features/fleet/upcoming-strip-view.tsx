import type { SatelliteView } from '@taskomatic/shared/ipc';
import { useMemo } from 'react';
import { SatelliteBadge } from '../../components/satellite-badge';
import { formatInstant, zoneOf } from '../../lib/time-format';
import type { SatelliteSlice } from '../../lib/per-satellite';
import { hashOf } from '../../stores/router-store';
import { usePreferencesStore } from '../../stores/preferences-store';
import { isReachable } from '../../stores/satellites-store';
import { civilOf, offsetMinutes } from '../calendar/zone-clock';
import type { FleetData } from './fleet-facts';
import { hourTicks, SLOT_MS, upcomingStrip, type SatelliteStrip, type StripBand, type StripMark } from './upcoming-strip';

const DAY_MS = 86_400_000;

/**
 * The next 24 hours of fires across satellites as a strip: one lane per satellite, a mark per 15 minutes with
 * fires (taller with more), high-frequency schedules as labelled spans. A mark opens the calendar's day there.
 */
export function UpcomingStripView({ satellites, slices, nowMs }: { satellites: ReadonlyArray<SatelliteView>; slices: Readonly<Record<string, SatelliteSlice<FleetData>>>; nowMs: number }) {
  const displayZone = usePreferencesStore((state) => state.displayZone);
  const zone = zoneOf(displayZone, satellites[0]?.timeZone);
  const from = Math.floor(nowMs / SLOT_MS) * SLOT_MS;
  const ticks = useMemo(() => hourTicks(from, from + DAY_MS, (ms) => offsetMinutes(ms, zone)), [from, zone]);
  const strips = useMemo(() => {
    const result = new Map<string, SatelliteStrip>();
    for (const [id, slice] of Object.entries(slices)) if (slice.data) result.set(id, upcomingStrip(slice.data.upcoming, from, from + DAY_MS));
    return result;
  }, [slices, from]);
  const frequent = satellites.flatMap((satellite) => (strips.get(satellite.id)?.bands ?? []).map((band) => ({ satellite, band })));
  const place = (at: number) => `${(((at - from) / DAY_MS) * 100).toFixed(3)}%`;
  return (
    <div className="upcoming-strip" data-testid="upcoming-strip" role="group" aria-label="Fires in the next 24 hours, by satellite">
      <div className="upcoming-strip__axis" aria-hidden="true">
        {ticks.map((at) => (
          <span key={at} className="upcoming-strip__tick" style={{ left: place(at) }}>
            {formatInstant(new Date(at), zone, 'time').slice(0, 5)}
          </span>
        ))}
        <span className="upcoming-strip__zone muted">{formatInstant(new Date(from), zone, 'time').slice(6)}</span>
      </div>
      {satellites.map((satellite) => {
        const slice = slices[satellite.id];
        const strip = strips.get(satellite.id);
        const stale = !isReachable(satellite) || slice?.status === 'error';
        return (
          <div key={satellite.id} className={`upcoming-strip__row${stale ? ' stale' : ''}`} data-testid="upcoming-strip-lane" data-satellite={satellite.name} data-fires={strip?.total ?? ''}>
            <SatelliteBadge satellite={satellite} />
            <div className="upcoming-strip__lane">
              {ticks.map((at) => (
                <span key={at} className="upcoming-strip__gridline" style={{ left: place(at) }} />
              ))}
              {!strip && <span className="upcoming-strip__empty muted">{slice?.status === 'error' ? 'not available' : 'loading…'}</span>}
              {strip?.total === 0 && <span className="upcoming-strip__empty muted">no fires</span>}
              {strip?.bands.map((band) => <BandSpan key={band.label} band={band} left={place(band.from)} width={`${(((band.to - band.from) / DAY_MS) * 100).toFixed(3)}%`} satellite={satellite} />)}
              {strip?.marks.map((mark) => <Mark key={mark.at} mark={mark} left={place(mark.at)} satellite={satellite} zone={zone} />)}
            </div>
          </div>
        );
      })}
      {frequent.length > 0 && (
        <p className="upcoming-strip__frequent muted" data-testid="upcoming-strip-frequent">
          Dotted: firing too often to mark each fire ·{' '}
          {frequent.map(({ satellite, band }, index) => (
            <span key={`${satellite.id}/${band.label}`}>
              {index > 0 && ', '}
              <SatelliteBadge satellite={satellite} /> {band.label} ({everyWords(band)})
            </span>
          ))}
        </p>
      )}
    </div>
  );
}

function Mark({ mark, left, satellite, zone }: { mark: StripMark; left: string; satellite: SatelliteView; zone: string }) {
  const names = mark.labels.slice(0, 4).join(', ') + (mark.labels.length > 4 ? ` and ${mark.labels.length - 4} more` : '');
  const title = `${satellite.name} · ${formatInstant(new Date(mark.at), zone, 'time')}–${formatInstant(new Date(mark.at + SLOT_MS), zone, 'time')}: ${mark.count} fire${mark.count === 1 ? '' : 's'} (${names})`;
  // Height grows with the count, on a log scale: one fire is visible, forty do not fill the page.
  const height = Math.min(100, 35 + Math.log2(mark.count) * 15);
  return (
    <a
      className={`upcoming-strip__mark${mark.locked ? ' upcoming-strip__mark--locked' : ''}`}
      href={hashOf(['calendar'], { view: 'day', date: civilOf(mark.at, zone) })}
      style={{ left, height: `${height}%`, background: mark.locked ? undefined : satellite.colour }}
      title={title}
      aria-label={title}
      data-testid="upcoming-strip-mark"
      data-count={mark.count}
      data-at={new Date(mark.at).toISOString()}
    />
  );
}

function BandSpan({ band, left, width, satellite }: { band: StripBand; left: string; width: string; satellite: SatelliteView }) {
  const title = `${satellite.name} · ${band.label}: ${band.count} fires, ${everyWords(band)}`;
  return <span className="upcoming-strip__band" style={{ left, width, borderColor: satellite.colour }} title={title} aria-label={title} data-testid="upcoming-strip-band" />;
}

function everyWords(band: StripBand): string {
  if (band.everySeconds === undefined) return `${band.count} fires`;
  return band.everySeconds < 120 ? `every ${band.everySeconds} s` : `every ${Math.round(band.everySeconds / 60)} min`;
}
