import type { SatelliteView } from '@taskomatic/shared/ipc';
import { memo, useMemo } from 'react';
import { TimeText } from '../../components/time-text';
import { blockElement } from './calendar-block';
import type { CalendarItem } from './calendar-items';
import { derivedOf } from './items-cache';
import type { SatelliteLooks } from './satellite-looks';
import type { ViewRange } from './view-range';

/** Rows listed per day before "+N more · open the day". */
const PER_DAY = 100;

/**
 * The agenda: day by day, everything in order of start, with its time. Days below the fold are not laid out
 * until scrolled to (`content-visibility: auto` in calendar.css).
 */
export const AgendaView = memo(function AgendaView({ range, items, looks, satellites, onOpenDay }: { range: ViewRange; items: ReadonlyArray<CalendarItem>; looks: SatelliteLooks; satellites: ReadonlyMap<string, SatelliteView>; onOpenDay: (date: string) => void }) {
  const days = useMemo(
    () =>
      derivedOf(items, `agenda|${range.from}|${range.to}`, () => {
        const sorted = [...items].sort((a, b) => a.start - b.start);
        return range.days.map((day) => ({ day, items: sorted.filter((item) => item.start >= day.start && item.start < day.end) }));
      }),
    [range, items],
  );
  if (items.length === 0) return <div className="panel-state panel-state--empty" data-state="empty">Nothing ran or will run in these days.</div>;
  return (
    <div className="agenda-view">
      {days
        .filter((entry) => entry.items.length > 0)
        .map(({ day, items: dayItems }) => (
          <section key={day.date} className="agenda-view__day">
            <h2>
              <button type="button" className="link-button" onClick={() => onOpenDay(day.date)}>
                {day.date}
              </button>
            </h2>
            {dayItems.slice(0, PER_DAY).map((item) => (
              <div key={item.key} className="agenda-view__row">
                <TimeText date={new Date(item.start)} satellite={satellites.get(item.satelliteId)} style="time" />
                {blockElement(item.key, item, { look: looks.get(item.satelliteId) })}
              </div>
            ))}
            {dayItems.length > PER_DAY && (
              <button type="button" className="link-button" onClick={() => onOpenDay(day.date)} data-testid="calendar-more">
                +{dayItems.length - PER_DAY} more · open the day
              </button>
            )}
          </section>
        ))}
    </div>
  );
});
