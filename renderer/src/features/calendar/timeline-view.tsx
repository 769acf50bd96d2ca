import type { SatelliteView } from '@taskomatic/shared/ipc';
import { memo, useMemo, useRef } from 'react';
import { SatelliteBadge } from '../../components/satellite-badge';
import { useSatellite } from '../../stores/satellites-store';
import { blockElement } from './calendar-block';
import { DragLayer } from './drag/drag-layer';
import { timelineSurface } from './drag/timeline-surface';
import type { CalendarItem } from './calendar-items';
import type { DstMarker } from './dst-markers';
import { derivedOf } from './items-cache';
import type { SatelliteLooks } from './satellite-looks';
import { timelineLanes } from './timeline-lanes';
import { useElementWidth } from './use-element-width';
import type { ViewRange } from './view-range';

const ROW_PX = 22;
/** The lane names' column (px, as in calendar.css). */
const NAMES_PX = 160;
/** Blocks narrower than this (px) show their icon, not their label; narrower still, their glyph alone. */
const LABEL_MIN_PX = 44;
const ICON_MIN_PX = 26;
const HOURS = Array.from({ length: 24 }, (_, hour) => hour);

/**
 * The timeline: one lane per satellite across the day, hours left to right. Future blocks drag along their lane
 * (and, with Ctrl, copy to another satellite's): the drag layer draws over the lanes, so no block re-renders while
 * dragging. `allItems`: what a drop collides with, whatever the filter hides.
 */
export const TimelineView = memo(function TimelineView({ range, items, allItems, zone, looks, satellites, markers, now }: { range: ViewRange; items: ReadonlyArray<CalendarItem>; allItems: ReadonlyArray<CalendarItem>; zone: string; looks: SatelliteLooks; satellites: ReadonlyArray<SatelliteView>; markers: ReadonlyArray<DstMarker>; now: number }) {
  const span = range.to - range.from;
  const lanes = useMemo(() => derivedOf(items, `timeline|${range.from}|${range.to}|${satellites.map((satellite) => satellite.id).join(',')}`, () => timelineLanes(satellites.map((satellite) => satellite.id), items, range.from, range.to)), [satellites, items, range]);
  const element = useRef<HTMLDivElement>(null);
  const trackPx = useElementWidth(element, 'timeline') - NAMES_PX;
  const surface = useMemo(() => timelineSurface(element, range.from, range.to), [range.from, range.to]);
  // Percentages of the day; left and right rather than a width, so no calc() per block.
  const x = (ms: number) => ((Math.min(Math.max(ms, range.from), range.to) - range.from) / span) * 100;
  return (
    <div className="timeline-view" ref={element}>
      <div className="timeline-view__axis">
        {HOURS.map((hour) => (
          <span key={hour} style={{ left: `${(hour / 24) * 100}%` }}>
            {String(hour).padStart(2, '0')}
          </span>
        ))}
      </div>
      {lanes.map(({ satelliteId, rows, placed, hidden }) => (
        <div key={satelliteId} className="timeline-view__lane" data-testid="calendar-lane" data-satellite={looks.get(satelliteId)?.name ?? satelliteId}>
          <LaneName id={satelliteId} hidden={hidden} />
          <div className="timeline-view__track" style={{ height: rows * ROW_PX }} data-satellite-id={satelliteId} data-testid="calendar-lane-track">
            {placed.map(({ item, row }, index) => {
              const left = x(item.start);
              const right = 100 - x(item.end);
              const blockPx = ((100 - left - right) / 100) * trackPx;
              return blockElement(index, item, { look: looks.get(satelliteId), words: blockPx >= LABEL_MIN_PX ? 'label' : blockPx >= ICON_MIN_PX ? 'icon' : 'glyph', className: 'timeline-view__block', style: { left: `${left}%`, right: `${right}%`, top: row * ROW_PX } });
            })}
            {markers.map((marker) => (
              <div key={marker.at} className="timeline-view__dst" style={{ left: `${x(marker.at)}%` }} data-testid="calendar-dst-marker" title={marker.text} />
            ))}
            {now >= range.from && now < range.to && <div className="timeline-view__now" style={{ left: `${x(now)}%` }} data-testid="calendar-now-line" />}
          </div>
        </div>
      ))}
      <DragLayer surface={surface} items={allItems} zone={zone} />
    </div>
  );
});

/** A lane's satellite with its health dot, read live: a health check redraws the name, not the lane's blocks. */
function LaneName({ id, hidden }: { id: string; hidden: number }) {
  const satellite = useSatellite(id);
  return (
    <div className="timeline-view__name">
      <SatelliteBadge satellite={satellite} dot />
      {hidden > 0 && <div className="muted">+{hidden} more (day view)</div>}
    </div>
  );
}
