import { bandSummary } from './band-summary';
import type { BandStrip } from './band-strips';
import { blockHref } from './block-look';
import { STATUS_LOOK } from '../../lib/status';
import type { SatelliteLook } from './satellite-looks';

/** Strip width (px) with room for its words; in a week, more bands narrow the strips rather than widen the lane. */
const STRIP_PX = 14;
const WEEK_LANE_PX = 36;
const MIN_STRIP_PX = 3;

/** The lane's width and each strip's, for a grid whose busiest day holds `lanes` bands; a single day has room. */
export function bandLane(lanes: number, days: number): { readonly lane: number; readonly strip: number } {
  if (lanes === 0) return { lane: 0, strip: 0 };
  const strip = days === 1 ? STRIP_PX : Math.max(MIN_STRIP_PX, Math.min(STRIP_PX, Math.floor(WEEK_LANE_PX / lanes)));
  return { lane: strip * lanes + 2, strip };
}

/**
 * One high-frequency schedule's day as a thin strip at the left of the day column: what it is written along it
 * ("every 2 min · 720 fires") when it is tall enough, on hover (the screen's card, found through `data-key`) and
 * in its accessible name; a click opens the schedule.
 */
export function BandStripView({ strip, look, px, width }: { strip: BandStrip; look: SatelliteLook | undefined; px: number; width: number }) {
  const { item } = strip;
  const words = `${item.label}: ${bandSummary({ ...item.band!, count: strip.count })}`;
  const past = item.band?.byStatus !== undefined;
  return (
    <a
      className={`calendar-band-strip ${past ? STATUS_LOOK[item.status].className : 'calendar-band-strip--future'}`}
      href={blockHref(item)}
      style={{ top: strip.top * px, height: strip.height * px, left: strip.lane * width, width: width - 1, borderColor: look?.colour, borderLeftWidth: width >= 10 ? 3 : 1 }}
      aria-label={`${look?.name ?? item.satelliteId} · ${words}`}
      data-testid="calendar-band"
      data-key={item.key}
      data-satellite={look?.name ?? item.satelliteId}
      data-schedule-id={item.scheduleId}
      data-count={strip.count}
    >
      {width >= 10 && <span className="calendar-band-strip__text">{words}</span>}
    </a>
  );
}
