import type { SatelliteView } from '@taskomatic/shared/ipc';
import type { CSSProperties } from 'react';
import { bandSummary } from './band-summary';
import { blockClass, blockHref, blockTitle } from './block-look';
import type { CalendarItem } from './calendar-items';

/**
 * One block: a plain anchor positioned by its parent's layout. Deliberately light (no hooks, no state): a week
 * draws thousands; the hover card is one for the whole screen, found through `data-key`.
 */
export function CalendarBlock({ item, satellite, style, compact = false }: { item: CalendarItem; satellite: SatelliteView | undefined; style?: CSSProperties; compact?: boolean }) {
  const href = blockHref(item);
  return (
    <a
      className={blockClass(item)}
      href={href}
      draggable={false}
      style={{ ...style, borderLeftColor: satellite?.colour }}
      data-testid="calendar-block"
      data-key={item.key}
      data-satellite={satellite?.name ?? item.satelliteId}
      data-kind={item.kind}
      data-status={item.status}
      data-schedule-id={item.scheduleId}
      data-label={item.label}
      data-start={new Date(item.start).toISOString()}
      data-future={item.kind !== 'run' && item.start > Date.now() ? 'true' : undefined}
    >
      <span className="calendar-block__glyph" style={{ color: satellite?.colour }} aria-label={satellite?.name}>
        {satellite?.glyph ?? '?'}
      </span>
      <span className="calendar-block__label">{blockTitle(item)}</span>
      {item.band && !compact && <span className="calendar-block__band">{bandSummary(item.band)}</span>}
      {item.movedFrom !== undefined && <span className="calendar-block__moved"> (moved)</span>}
    </a>
  );
}
