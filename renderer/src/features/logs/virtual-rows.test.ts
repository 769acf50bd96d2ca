import { describe, expect, it } from 'vitest';
import { atBottom, contentHeight, MAX_SCROLL_PX, rowAtScroll, scrollForRow, visibleRows } from './virtual-rows';

describe('virtual rows', () => {
  const small = { rows: 1000, rowHeight: 20, viewport: 400 };

  it('draws only the rows in view, with a margin', () => {
    expect(visibleRows(small, 0, 2)).toEqual({ from: 0, to: 23, top: 0 });
    expect(visibleRows(small, 2010, 2)).toEqual({ from: 98, to: 123, top: 1960 });
    expect(visibleRows(small, contentHeight(small) - 400, 2).to).toBe(1000);
  });

  it('maps rows to scroll positions and back', () => {
    expect(scrollForRow(small, 100)).toBe(2000);
    expect(rowAtScroll(small, 2000)).toBe(100);
    expect(scrollForRow(small, 999)).toBe(contentHeight(small) - 400);
  });

  it('scales the scroll range of lists taller than the browser allows', () => {
    const huge = { rows: 5_000_000, rowHeight: 18, viewport: 900 };
    expect(contentHeight(huge)).toBe(MAX_SCROLL_PX);
    const end = MAX_SCROLL_PX - 900;
    const last = visibleRows(huge, end, 0);
    expect(last.to).toBe(5_000_000);
    // The last row's bottom sits at the viewport's bottom.
    expect(last.top + (last.to - last.from) * 18).toBeCloseTo(end + 900, 3);
    expect(Math.round(rowAtScroll(huge, scrollForRow(huge, 2_500_000)))).toBe(2_500_000);
    const middle = visibleRows(huge, scrollForRow(huge, 2_500_000), 0);
    expect(middle.from).toBe(2_500_000);
    expect(middle.top).toBeCloseTo(scrollForRow(huge, 2_500_000), 3);
  });

  it('tells when the view is at the bottom', () => {
    expect(atBottom(600, 1000, 400)).toBe(true);
    expect(atBottom(597, 1000, 400)).toBe(true);
    expect(atBottom(500, 1000, 400)).toBe(false);
  });
});
