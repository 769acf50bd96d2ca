import type { CSSProperties, Key, ReactElement } from 'react';
import { blockClass, blockHref, blockText, blockTitle, hasLabel, type BlockWords } from './block-look';
import type { CalendarItem } from './calendar-items';
import { lookStyle, type SatelliteLook } from './satellite-looks';

/** What a block is drawn with beside its item. */
export interface BlockLook {
  readonly look: SatelliteLook | undefined;
  /** (default: 'summary') */
  readonly words?: BlockWords;
  readonly className?: string;
  readonly style?: CSSProperties;
}

/**
 * One block: a single anchor and its text, nothing inside. A week draws thousands, and the browser's cost goes by
 * elements, text runs and clips: the satellite's colour (and a labelled block's glyph) come from the
 * satellite's class (satellite-looks.ts), the place from the parent (position, or a column class), and only
 * a block with a label is clipped (a clip per block makes every frame re-layerize thousands, a drag's too). A
 * plain element, not a component (a fiber less for each of thousands): no hooks or state, the hover card is one
 * for the whole screen, found through `data-key`.
 */
export function blockElement(key: Key, item: CalendarItem, { look, words = 'summary', className, style }: BlockLook): ReactElement {
  const own = lookStyle(look);
  const name = look?.name ?? item.satelliteId;
  return (
    <a
      key={key}
      className={`${blockClass(item)}${hasLabel(words) ? ' calendar-block--label' : ''}${look?.slotClass ? ` ${look.slotClass}` : ''}${className ? ` ${className}` : ''}`}
      href={blockHref(item)}
      style={own ? { ...style, ...own } : style}
      aria-label={`${name}: ${blockTitle(item)}`}
      data-testid="calendar-block"
      data-key={item.key}
      data-satellite={name}
      data-kind={item.kind}
      data-status={item.status}
      data-schedule-id={item.scheduleId}
      data-label={item.label}
      data-locked={item.locked ? 'true' : undefined}
      data-start={new Date(item.start).toISOString()}
      data-future={item.kind !== 'run' && item.start > Date.now() ? 'true' : undefined}
    >
      {blockText(item, words, look?.glyph ?? '?')}
    </a>
  );
}
