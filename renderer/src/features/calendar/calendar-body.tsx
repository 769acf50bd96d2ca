import type { SatelliteView } from '@taskomatic/shared/ipc';
import { AgendaView } from './agenda-view';
import type { CalendarItem } from './calendar-items';
import type { DstMarker } from './dst-markers';
import { MonthView } from './month-view';
import { TimeGrid } from './time-grid';
import { TimelineView } from './timeline-view';
import type { CalendarView, ViewRange } from './view-range';

/** The view asked for, over the same items. */
export function CalendarBody(props: { view: CalendarView; range: ViewRange; items: ReadonlyArray<CalendarItem>; zone: string; satellites: ReadonlyMap<string, SatelliteView>; shown: ReadonlyArray<SatelliteView>; markers: ReadonlyArray<DstMarker>; now: number; onOpenDay: (date: string) => void }) {
  const { view, range, items, zone, satellites, shown, markers, now, onOpenDay } = props;
  switch (view) {
    case 'day':
    case 'week':
      return <TimeGrid range={range} items={items} zone={zone} satellites={satellites} markers={markers} now={now} onOpenDay={onOpenDay} />;
    case 'month':
      return <MonthView range={range} items={items} satellites={satellites} markers={markers} now={now} onOpenDay={onOpenDay} />;
    case 'agenda':
      return <AgendaView range={range} items={items} satellites={satellites} onOpenDay={onOpenDay} />;
    case 'timeline':
      return <TimelineView range={range} items={items} satellites={shown} markers={markers} now={now} />;
  }
}
