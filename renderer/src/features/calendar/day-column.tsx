import { memo } from 'react';
import { BandStripView } from './band-strip-view';
import { blockElement } from './calendar-block';
import { dayClock } from './day-clock';
import type { DstMarker } from './dst-markers';
import { MAX_COLUMNS, type GridDay } from './grid-layout';
import type { SatelliteLooks } from './satellite-looks';

/** Drawn at least this tall (px), so a one-minute job stays visible and clickable. */
const MIN_BLOCK_PX = 12;

interface DayColumnProps {
  readonly gridDay: GridDay;
  readonly zone: string;
  readonly looks: SatelliteLooks;
  /** The view's clock-change markers (this column draws its day's). */
  readonly markers: ReadonlyArray<DstMarker>;
  readonly now: number;
  /** Pixels per minute, and the band lane's width and each of its strips' (px). */
  readonly px: number;
  readonly lane: { readonly lane: number; readonly strip: number };
  /** Blocks sharing their time with at most this many columns show their label, up to `iconColumns` their icon. */
  readonly labelColumns: number;
  readonly iconColumns: number;
  readonly onOpenDay: (date: string) => void;
}

/**
 * One day of the week or day view: band strips in the lane at the left, blocks in their overlap columns, "+N
 * more" where a cluster had more columns than are drawn, clock changes, the now-line. Memoised: a column is drawn
 * again only when its day's layout (cached per answer) or the looks change, never for a hover or a drag.
 */
export const DayColumn = memo(function DayColumn({ gridDay, zone, looks, markers, now, px, lane, labelColumns, iconColumns, onOpenDay }: DayColumnProps) {
  const { day, blocks, overflow, bands } = gridDay;
  return (
    <div className="time-grid__column" style={{ height: 1440 * px }}>
      {bands.map((strip) => (
        <BandStripView key={strip.item.key} strip={strip} look={looks.get(strip.item.satelliteId)} px={px} width={lane.strip} />
      ))}
      <div className="time-grid__blocks" style={{ left: lane.lane }}>
        {blocks.flatMap((block) => {
          // Keyed by place (minute and overlap column: no two blocks share one), not by item: the next week's
          // blocks, mostly at the same times (the same schedules), take this week's elements and only their
          // attributes are rewritten.
          // The week's column counts have a class each (calendar.css); the day view's wider clusters are placed inline.
          const classed = block.columns <= MAX_COLUMNS;
          const place = classed ? `calendar-col-${block.column}-${block.columns}` : '';
          const across = classed ? {} : { left: `${(block.column * 100) / block.columns}%`, right: `${((block.columns - block.column - 1) * 100) / block.columns}%` };
          const key = `${block.top}:${block.column}`;
          const top = block.top * px;
          const height = Math.max(block.height * px, MIN_BLOCK_PX);
          const words = block.columns <= labelColumns ? 'label' : block.columns <= iconColumns ? 'icon' : 'glyph';
          const drawn = blockElement(key, block.item, { look: looks.get(block.item.satelliteId), words, className: place, style: { top, height, ...across } });
          // The p95 tail, lighter, below the block (an element only where there is one).
          return block.tail > 0 ? [<div key={`${key}:tail`} className={`calendar-tail ${place}`} style={{ top: top + height, height: block.tail * px, ...across }} />, drawn] : [drawn];
        })}
      </div>
      {overflow.map((group) => (
        <button type="button" key={group.top} className="time-grid__more" style={{ top: group.top * px }} onClick={() => onOpenDay(day.date)} data-testid="calendar-more">
          +{group.hidden} more
        </button>
      ))}
      {markers
        .filter((marker) => marker.date === day.date)
        .map((marker) => (
          <div key={marker.at} className="time-grid__dst" style={{ top: marker.minuteOfDay * px }} data-testid="calendar-dst-marker">
            {marker.text}
          </div>
        ))}
      {now >= day.start && now < day.end && <div className="time-grid__now" style={{ top: dayClock(day, zone).minuteOf(now) * px }} data-testid="calendar-now-line" />}
    </div>
  );
});
