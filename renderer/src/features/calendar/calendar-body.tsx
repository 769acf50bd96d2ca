import type { SatelliteView } from '@taskomatic/shared/ipc';
import { useRef } from 'react';
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
  // The week, the view people come back to, stays built while another view shows: coming back to it costs no
  // React work and no new elements (3,800 blocks in a busy week), only showing it again. Keyed, so React keeps its
  // elements while other views come and go beside it; dropped when the zone or the looks change.
  const kept = useRef<WeekProps | undefined>(undefined);
  if (view === 'week') kept.current = { range, items, allItems, zone, looks, markers };
  const week = kept.current && kept.current.zone === zone && kept.current.looks === looks ? kept.current : undefined;
  const active = view === 'week';
  return (
    <>
      {week && (
        <div key="week" className={active ? 'calendar-view' : 'calendar-view calendar-view--dormant'} aria-hidden={active ? undefined : true} inert={!active} data-view-active={active}>
          <TimeGrid range={week.range} items={week.items} allItems={week.allItems} zone={zone} looks={looks} markers={week.markers} now={now} onOpenDay={onOpenDay} dormant={!active} />
        </div>
      )}
      {!active && (
        <div key="other" className="calendar-view" data-view-active="true">
          {otherView()}
        </div>
      )}
    </>
  );

  function otherView() {
    switch (view) {
      case 'week':
        return null;
      case 'day':
        return <TimeGrid range={range} items={items} allItems={allItems} zone={zone} looks={looks} markers={markers} now={now} onOpenDay={onOpenDay} dormant={false} />;
      case 'month':
        return <MonthView range={range} items={items} looks={looks} markers={markers} now={now} onOpenDay={onOpenDay} />;
      case 'agenda':
        return <AgendaView range={range} items={items} looks={looks} satellites={satellites} onOpenDay={onOpenDay} />;
      case 'timeline':
        return <TimelineView range={range} items={items} allItems={allItems} zone={zone} looks={looks} satellites={shown} markers={markers} now={now} />;
    }
  }
}

interface WeekProps {
  readonly range: ViewRange;
  readonly items: ReadonlyArray<CalendarItem>;
  readonly allItems: ReadonlyArray<CalendarItem>;
  readonly zone: string;
  readonly looks: SatelliteLooks;
  readonly markers: ReadonlyArray<DstMarker>;
}
