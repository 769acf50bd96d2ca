import type { SatelliteView } from '@taskomatic/shared/ipc';
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { SatelliteSlice } from '../../lib/per-satellite';
import type { CalendarItem, CalendarRange } from './calendar-items';
import { HoverCard } from './hover-card';
import { orgNameOf, type OrgNames } from './org-options';

interface Hover {
  readonly item: CalendarItem;
  /** The block pointed at: blocks are kept by place, so after new data it may stand for another item. */
  readonly element: HTMLElement;
  readonly x: number;
  readonly y: number;
}

/**
 * The hover card's state, apart from the screen: pointing at another block re-renders this layer only, never the
 * thousands of blocks. Listens on `area` for the block under the pointer (`data-key`); no card while a button is
 * held (a drag crosses many blocks).
 */
export function HoverLayer({ area, items, slices, satellites, orgNames }: { area: RefObject<HTMLElement | null>; items: ReadonlyArray<CalendarItem>; slices: Readonly<Record<string, SatelliteSlice<CalendarRange> | undefined>>; satellites: ReadonlyMap<string, SatelliteView>; orgNames: OrgNames }) {
  const [hover, setHover] = useState<Hover | undefined>();
  const live = useRef(items);
  live.current = items;

  useEffect(() => {
    const element = area.current;
    if (!element) return undefined;
    const onOver = (event: MouseEvent) => {
      const block = event.buttons === 0 ? (event.target as HTMLElement).closest<HTMLElement>('[data-key]') : null;
      const item = block ? live.current.find((candidate) => candidate.key === block.dataset.key) : undefined;
      setHover(block && item ? { item, element: block, x: event.clientX, y: event.clientY } : undefined);
    };
    const onLeave = () => setHover(undefined);
    element.addEventListener('mouseover', onOver);
    element.addEventListener('mouseleave', onLeave);
    return () => {
      element.removeEventListener('mouseover', onOver);
      element.removeEventListener('mouseleave', onLeave);
    };
  }, [area]);

  // New data redraws blocks in place (no pointer event follows): the card follows what the block now shows.
  useEffect(() => {
    setHover((current) => {
      if (!current || current.element.dataset.key === current.item.key) return current;
      const item = current.element.isConnected ? items.find((candidate) => candidate.key === current.element.dataset.key) : undefined;
      return item ? { ...current, item } : undefined;
    });
  }, [items]);

  if (!hover) return null;
  const { item } = hover;
  const schedule = item.scheduleId === undefined ? undefined : slices[item.satelliteId]?.data?.schedules.find((candidate) => candidate.scheduleId === item.scheduleId);
  const now = Date.now();
  const lastRun =
    item.scheduleId === undefined
      ? undefined
      : items
          .filter((other) => other.kind === 'run' && other.satelliteId === item.satelliteId && other.scheduleId === item.scheduleId && other.start <= now)
          .reduce<CalendarItem | undefined>((latest, other) => (!latest || other.start > latest.start ? other : latest), undefined);
  return <HoverCard item={item} schedule={schedule} lastRun={lastRun} satellite={satellites.get(item.satelliteId)} orgName={orgNameOf(orgNames, item.satelliteId, item.orgId)} x={hover.x} y={hover.y} />;
}
