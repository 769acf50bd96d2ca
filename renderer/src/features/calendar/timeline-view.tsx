import type { SatelliteView } from '@taskomatic/shared/ipc';
import { memo, useMemo } from 'react';
import { SatelliteBadge } from '../../components/satellite-badge';
import { CalendarBlock } from './calendar-block';
import type { CalendarItem } from './calendar-items';
import type { DstMarker } from './dst-markers';
import type { ViewRange } from './view-range';

/** Rows of blocks inside one lane (overlaps stack in rows, each block in the first row free at its start). */
const ROWS = 6;
const ROW_PX = 22;

/** The timeline: one lane per satellite across the day, hours left to right. */
export const TimelineView = memo(function TimelineView({ range, items, satellites, markers, now }: { range: ViewRange; items: ReadonlyArray<CalendarItem>; satellites: ReadonlyArray<SatelliteView>; markers: ReadonlyArray<DstMarker>; now: number }) {
  const span = range.to - range.from;
  const lanes = useMemo(
    () =>
      satellites.map((satellite) => {
        const mine = items.filter((item) => item.satelliteId === satellite.id).sort((a, b) => a.start - b.start);
        const rowEnds: number[] = [];
        const placed: Array<{ item: CalendarItem; row: number }> = [];
        let hidden = 0;
        for (const item of mine) {
          // Drawn at least 1% wide, so the row is free again only after that.
          const end = Math.max(item.end, item.start + span / 100);
          let row = rowEnds.findIndex((rowEnd) => rowEnd <= item.start);
          if (row === -1) row = rowEnds.length;
          if (row >= ROWS) {
            hidden += 1;
            continue;
          }
          rowEnds[row] = end;
          placed.push({ item, row });
        }
        return { satellite, placed, hidden };
      }),
    [satellites, items, span],
  );
  const x = (ms: number) => `${(Math.min(Math.max(ms, range.from), range.to) - range.from) / span * 100}%`;
  return (
    <div className="timeline-view">
      <div className="timeline-view__axis">
        {Array.from({ length: 24 }, (_, hour) => (
          <span key={hour} style={{ left: `${(hour / 24) * 100}%` }}>
            {String(hour).padStart(2, '0')}
          </span>
        ))}
      </div>
      {lanes.map(({ satellite, placed, hidden }) => (
        <div key={satellite.id} className="timeline-view__lane" data-testid="calendar-lane" data-satellite={satellite.name}>
          <div className="timeline-view__name">
            <SatelliteBadge satellite={satellite} dot />
            {hidden > 0 && <div className="muted">+{hidden} more (day view)</div>}
          </div>
          <div className="timeline-view__track" style={{ height: ROWS * ROW_PX }}>
            {placed.map(({ item, row }) => (
              <CalendarBlock key={item.key} item={item} satellite={satellite} compact style={{ left: x(item.start), width: `max(6px, calc(${x(item.end)} - ${x(item.start)}))`, top: row * ROW_PX, height: ROW_PX - 2 }} />
            ))}
            {markers.map((marker) => (
              <div key={marker.at} className="timeline-view__dst" style={{ left: x(marker.at) }} data-testid="calendar-dst-marker" title={marker.text} />
            ))}
            {now >= range.from && now < range.to && <div className="timeline-view__now" style={{ left: x(now) }} data-testid="calendar-now-line" />}
          </div>
        </div>
      ))}
    </div>
  );
});
