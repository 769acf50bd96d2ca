import { useEffect, useState, type RefObject } from 'react';

/** Widths last measured, by name: a view drawn again starts from what it measured, not from a guess. */
const remembered = new Map<string, number>();
/** Widths are rounded to this (px): a scrollbar appearing does not draw thousands of blocks again. */
const STEP_PX = 16;
/**
 * The first guess, before anything was measured: the window less the app's navigation (about 210 px), the
 * calendar's sidebar (200 px), and gaps and borders.
 */
const CHROME_PX = 480;

/**
 * An element's width, measured after layout (ResizeObserver) and remembered under `name`. The first render uses
 * the width remembered or a guess: reading the width during the first render would lay the page out twice.
 */
export function useElementWidth(element: RefObject<HTMLElement | null>, name: string): number {
  const [width, setWidth] = useState(() => remembered.get(name) ?? Math.max(320, window.innerWidth - CHROME_PX));
  useEffect(() => {
    const target = element.current;
    if (!target) return undefined;
    const observer = new ResizeObserver((entries) => {
      const measured = Math.round((entries[0]?.contentRect.width ?? 0) / STEP_PX) * STEP_PX;
      if (measured <= 0) return;
      remembered.set(name, measured);
      setWidth(measured);
    });
    observer.observe(target);
    return () => observer.disconnect();
  }, [element, name]);
  return width;
}
