import type { SatelliteView } from '@taskomatic/shared/ipc';
import { memo, useMemo, useRef } from 'react';
import { BandStripView, bandLane } from './band-strip-view';
import { CalendarBlock } from './calendar-block';
import type { CalendarItem } from './calendar-items';
import { dayClock } from './day-clock';
import { DragLayer } from './drag/drag-layer';
import type { DstMarker } from './dst-markers';
import { gridLayout } from './grid-layout';
import type { ViewRange } from './view-range';
import { weekdayOf } from './zone-clock';

/** Pixels per hour of the grid. */
export const HOUR_PX = 44;
const PX = HOUR_PX / 60;
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/**
 * The week and day views: one column per day in the display zone, blocks placed by start and drawn as long as
 * their expected duration (p95 as a lighter tail), overlaps side by side, high-frequency schedules as strips in a lane at the left of each day, a now-line and
 * clock-change markers.
 */
export const TimeGrid = memo(function TimeGrid({ range, items, zone, satellites, markers, now, onOpenDay }: { range: ViewRange; items: ReadonlyArray<CalendarItem>; zone: string; satellites: ReadonlyMap<string, SatelliteView>; markers: ReadonlyArray<DstMarker>; now: number; onOpenDay: (date: string) => void }) {
  const layout = useMemo(() => gridLayout(range.days, items, zone), [range, items, zone]);
  const lane = bandLane(layout.reduce((most, day) => Math.max(most, day.bands.length), 0), range.days.length);
  const grid = useRef<HTMLDivElement>(null);
  return (
    <div className="time-grid" ref={grid} style={{ gridTemplateColumns: `56px repeat(${range.days.length}, 1fr)` }}>
      <div className="time-grid__corner" />
      {range.days.map((day) => (
        <button type="button" key={day.date} className="time-grid__day-head link-button" onClick={() => onOpenDay(day.date)}>
          {WEEKDAYS[weekdayOf(day.date)]} {Number(day.date.slice(8))}
        </button>
      ))}
      <div className="time-grid__hours" style={{ height: 24 * HOUR_PX }}>
        {Array.from({ length: 24 }, (_, hour) => (
          <div key={hour} className="time-grid__hour" style={{ top: hour * HOUR_PX }}>
            {String(hour).padStart(2, '0')}:00
          </div>
        ))}
      </div>
      {layout.map(({ day, blocks, overflow, bands }) => (
        <div key={day.date} className="time-grid__column" style={{ height: 24 * HOUR_PX }}>
          {bands.map((strip) => (
            <BandStripView key={strip.item.key} strip={strip} satellite={satellites.get(strip.item.satelliteId)} px={PX} width={lane.strip} />
          ))}
          <div className="time-grid__blocks" style={{ left: lane.lane }}>
            {blocks.map((block) => (
              <GridBlockView key={block.item.key} block={block} satellite={satellites.get(block.item.satelliteId)} />
            ))}
          </div>
          {overflow.map((group) => (
            <button type="button" key={group.top} className="time-grid__more" style={{ top: group.top * PX }} onClick={() => onOpenDay(day.date)} data-testid="calendar-more">
              +{group.hidden} more
            </button>
          ))}
          {markers
            .filter((marker) => marker.date === day.date)
            .map((marker) => (
              <div key={marker.at} className="time-grid__dst" style={{ top: marker.minuteOfDay * PX }} data-testid="calendar-dst-marker">
                {marker.text}
              </div>
            ))}
          {now >= day.start && now < day.end && <div className="time-grid__now" style={{ top: dayClock(day, zone).minuteOf(now) * PX }} data-testid="calendar-now-line" />}
        </div>
      ))}
      <DragLayer grid={grid} days={range.days} items={items} zone={zone} pxPerMinute={PX} />
    </div>
  );
});

function GridBlockView({ block, satellite }: { block: ReturnType<typeof gridLayout>[number]['blocks'][number]; satellite: SatelliteView | undefined }) {
  const width = 100 / block.columns;
  const position = { top: block.top * PX, height: Math.max(block.height * PX, 12), left: `${block.column * width}%`, width: `calc(${width}% - 2px)` };
  return (
    <>
      {block.tail > 0 && <div className="calendar-tail" style={{ top: position.top + position.height, height: block.tail * PX, left: position.left, width: position.width }} />}
      <CalendarBlock item={block.item} satellite={satellite} style={position} compact={block.columns > 2} />
    </>
  );
}
