import type { SatelliteView } from '@taskomatic/shared/ipc';
import { memo, useMemo } from 'react';
import { CalendarBlock } from './calendar-block';
import type { CalendarItem } from './calendar-items';
import type { DstMarker } from './dst-markers';
import type { ViewRange } from './view-range';

/** Blocks listed per day cell before "+N more". */
const PER_CELL = 4;

/** The month: whole weeks, each day's first items by start, the rest counted; a day opens in the day view. */
export const MonthView = memo(function MonthView({ range, items, satellites, markers, now, onOpenDay }: { range: ViewRange; items: ReadonlyArray<CalendarItem>; satellites: ReadonlyMap<string, SatelliteView>; markers: ReadonlyArray<DstMarker>; now: number; onOpenDay: (date: string) => void }) {
  const cells = useMemo(() => {
    const sorted = [...items].sort((a, b) => a.start - b.start);
    return range.days.map((day) => ({ day, items: sorted.filter((item) => item.start < day.end && Math.max(item.end, item.start) >= day.start) }));
  }, [range, items]);
  const month = range.anchor.slice(0, 7);
  return (
    <div className="month-view">
      {['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].map((name) => (
        <div key={name} className="month-view__head">
          {name}
        </div>
      ))}
      {cells.map(({ day, items: dayItems }) => (
        <div key={day.date} className={`month-view__cell${day.date.startsWith(month) ? '' : ' month-view__cell--other'}${now >= day.start && now < day.end ? ' month-view__cell--today' : ''}`}>
          <button type="button" className="link-button month-view__date" onClick={() => onOpenDay(day.date)}>
            {Number(day.date.slice(8))}
          </button>
          {markers
            .filter((marker) => marker.date === day.date)
            .map((marker) => (
              <div key={marker.at} className="month-view__dst" data-testid="calendar-dst-marker">
                {marker.text}
              </div>
            ))}
          {dayItems.slice(0, PER_CELL).map((item) => (
            <CalendarBlock key={item.key} item={item} satellite={satellites.get(item.satelliteId)} compact />
          ))}
          {dayItems.length > PER_CELL && (
            <button type="button" className="link-button month-view__more" onClick={() => onOpenDay(day.date)} data-testid="calendar-more">
              +{dayItems.length - PER_CELL} more
            </button>
          )}
        </div>
      ))}
    </div>
  );
});
