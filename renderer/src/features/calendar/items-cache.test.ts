import { describe, expect, it } from 'vitest';
import type { CalendarItem } from './calendar-items';
import { derivedOf, mergedItems } from './items-cache';

const item = (key: string): CalendarItem => ({ key, satelliteId: 's', kind: 'occurrence', start: 0, end: 1, tailEnd: 1, status: 'READY', label: key, bunch: key, locked: false });

describe('items cache', () => {
  it('merges the same lists into the same array, so that what is laid out from it stays cached', () => {
    const one = [item('a')];
    const two = [item('b'), item('c')];
    const merged = mergedItems([one, two]);
    expect(merged.map((entry) => entry.key)).toEqual(['a', 'b', 'c']);
    expect(mergedItems([one, two])).toBe(merged);
    expect(mergedItems([two, one])).not.toBe(merged);
    expect(mergedItems([one])).toBe(one);
  });

  it('computes derived work once per list and key', () => {
    const list = [item('a')];
    let computed = 0;
    const layout = () => ({ computed: ++computed });
    expect(derivedOf(list, 'grid|1|2|UTC', layout)).toBe(derivedOf(list, 'grid|1|2|UTC', layout));
    derivedOf(list, 'grid|1|2|Europe/Berlin', layout);
    derivedOf([...list], 'grid|1|2|UTC', layout);
    expect(computed).toBe(3);
  });
});
