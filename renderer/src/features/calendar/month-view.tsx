import { memo, useMemo } from 'react';
import { blockElement } from './calendar-block';
import type { CalendarItem } from './calendar-items';
import type { DstMarker } from './dst-markers';
import { derivedOf } from './items-cache';
import { monthCells } from './month-cells';
import type { SatelliteLooks } from './satellite-looks';
import type { ViewRange } from './view-range';

/** Blocks listed per day cell before "+N more". */
const PER_CELL = 4;
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** The month: whole weeks, each day's first items by start, the rest counted; a day opens in the day view. */
export const MonthView = memo(function MonthView({ range, items, looks, markers, now, onOpenDay }: { range: ViewRange; items: ReadonlyArray<CalendarItem>; looks: SatelliteLooks; markers: ReadonlyArray<DstMarker>; now: number; onOpenDay: (date: string) => void }) {
  const cells = useMemo(() => derivedOf(items, `month|${range.from}|${range.to}`, () => monthCells(range.days, items, PER_CELL)), [range, items]);
  const month = range.anchor.slice(0, 7);
  return (
    <div className="month-view">
      {WEEKDAYS.map((name) => (
        <div key={name} className="month-view__head">
          {name}
        </div>
      ))}
      {cells.map(({ day, first, more }, index) => (
        // By position: the next month's cells reuse these.
        <div key={index} className={`month-view__cell${day.date.startsWith(month) ? '' : ' month-view__cell--other'}${now >= day.start && now < day.end ? ' month-view__cell--today' : ''}`}>
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
          {first.map((item) => blockElement(item.key, item, { look: looks.get(item.satelliteId), words: 'label' }))}
          {more > 0 && (
            <button type="button" className="link-button month-view__more" onClick={() => onOpenDay(day.date)} data-testid="calendar-more">
              +{more} more
            </button>
          )}
        </div>
      ))}
    </div>
  );
});
