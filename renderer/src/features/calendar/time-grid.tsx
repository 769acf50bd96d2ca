import { memo, useMemo, useRef } from 'react';
import { bandLane } from './band-strip-view';
import type { CalendarItem } from './calendar-items';
import { DayColumn } from './day-column';
import { DragLayer } from './drag/drag-layer';
import { dayColumnsSurface } from './drag/drag-surface';
import type { DstMarker } from './dst-markers';
import { DAY_VIEW_MAX_COLUMNS, gridLayout, MAX_COLUMNS } from './grid-layout';
import { derivedOf } from './items-cache';
import type { SatelliteLooks } from './satellite-looks';
import { useElementWidth } from './use-element-width';
import type { ViewRange } from './view-range';
import { weekdayOf } from './zone-clock';

/** Pixels per hour of the grid. */
export const HOUR_PX = 44;
const PX = HOUR_PX / 60;
/** The hours' column at the left (px). */
const HOURS_PX = 56;
/** Blocks narrower than this (px) show their icon, not their label: border, padding, glyph and icon fill them. */
const LABEL_MIN_PX = 44;
/** Narrower still, the glyph alone (blocks are not clipped: the icon would spill into the next one). */
const ICON_MIN_PX = 26;
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const HOURS = Array.from({ length: 24 }, (_, hour) => hour);

/**
 * The week and day views: one column per day in the display zone, blocks placed by start and drawn as long as
 * their expected duration (p95 as a lighter tail), overlaps side by side, high-frequency schedules as strips in a
 * lane at the left of each day, a now-line and clock-change markers. The layout is computed once per answer and
 * range (items-cache.ts); columns are kept by position, so stepping weeks updates them in place.
 */
export const TimeGrid = memo(function TimeGrid({ range, items, allItems, zone, looks, markers, now, onOpenDay, dormant }: { range: ViewRange; items: ReadonlyArray<CalendarItem>; allItems: ReadonlyArray<CalendarItem>; dormant: boolean; zone: string; looks: SatelliteLooks; markers: ReadonlyArray<DstMarker>; now: number; onOpenDay: (date: string) => void }) {
  const layout = useMemo(() => derivedOf(items, `grid|${range.from}|${range.to}|${zone}`, () => gridLayout(range.days, items, zone, range.days.length === 1 ? DAY_VIEW_MAX_COLUMNS : MAX_COLUMNS)), [range, items, zone]);
  const lane = bandLane(layout.reduce((most, day) => Math.max(most, day.bands.length), 0), range.days.length);
  const grid = useRef<HTMLDivElement>(null);
  const width = useElementWidth(grid, 'time-grid');
  const dayPx = (width - HOURS_PX) / range.days.length - lane.lane;
  const labelColumns = Math.floor(dayPx / LABEL_MIN_PX);
  const iconColumns = Math.floor(dayPx / ICON_MIN_PX);
  const laneSize = useMemo(() => lane, [lane.lane, lane.strip]);
  const surface = useMemo(() => dayColumnsSurface(grid, range.days, zone, PX), [range.days, zone]);
  return (
    <div className="time-grid" ref={grid} style={{ gridTemplateColumns: `${HOURS_PX}px repeat(${range.days.length}, 1fr)` }}>
      <div className="time-grid__corner" />
      {range.days.map((day, index) => (
        <button type="button" key={index} className="time-grid__day-head link-button" onClick={() => onOpenDay(day.date)}>
          {WEEKDAYS[weekdayOf(day.date)]} {Number(day.date.slice(8))}
        </button>
      ))}
      <div className="time-grid__hours" style={{ height: 24 * HOUR_PX }}>
        {HOURS.map((hour) => (
          <div key={hour} className="time-grid__hour" style={{ top: hour * HOUR_PX }}>
            {String(hour).padStart(2, '0')}:00
          </div>
        ))}
      </div>
      {layout.map((gridDay, index) => (
        // By position, like the blocks inside: the next week's Monday takes this Monday's column.
        <DayColumn key={index} gridDay={gridDay} zone={zone} looks={looks} markers={markers} now={now} px={PX} lane={laneSize} labelColumns={labelColumns} iconColumns={iconColumns} onOpenDay={onOpenDay} />
      ))}
      {/* A week kept while another view shows (calendar-body.tsx) takes no drags and no shortcuts. */}
      {!dormant && <DragLayer surface={surface} items={allItems} zone={zone} />}
    </div>
  );
});
