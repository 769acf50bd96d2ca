import type { SatelliteView } from '@taskomatic/shared/ipc';
import { AgendaView } from './agenda-view';
import type { CalendarItem } from './calendar-items';
import type { DstMarker } from './dst-markers';
import { MonthView } from './month-view';
import type { SatelliteLooks } from './satellite-looks';
import { TimeGrid } from './time-grid';
import { TimelineView } from './timeline-view';
import type { CalendarView, ViewRange } from './view-range';

/**
 * The view asked for, over the same items (the filtered ones; `allItems` for what a drop collides with, which the
 * server postpones whatever the filter hides). `looks`, `satellites` and `shown` change only when a satellite's name,
 * glyph, colour, zone or role does (useSteadySatellites), so the memoised views are not drawn again at each
 * health check.
 */
export function CalendarBody(props: { view: CalendarView; range: ViewRange; items: ReadonlyArray<CalendarItem>; allItems: ReadonlyArray<CalendarItem>; zone: string; looks: SatelliteLooks; satellites: ReadonlyMap<string, SatelliteView>; shown: ReadonlyArray<SatelliteView>; markers: ReadonlyArray<DstMarker>; now: number; onOpenDay: (date: string) => void }) {
  const { view, range, items, allItems, zone, looks, satellites, shown, markers, now, onOpenDay } = props;
  switch (view) {
    case 'day':
    case 'week':
      return <TimeGrid range={range} items={items} allItems={allItems} zone={zone} looks={looks} markers={markers} now={now} onOpenDay={onOpenDay} />;
    case 'month':
      return <MonthView range={range} items={items} looks={looks} markers={markers} now={now} onOpenDay={onOpenDay} />;
    case 'agenda':
      return <AgendaView range={range} items={items} looks={looks} satellites={satellites} onOpenDay={onOpenDay} />;
    case 'timeline':
      return <TimelineView range={range} items={items} looks={looks} satellites={shown} markers={markers} now={now} />;
  }
}
