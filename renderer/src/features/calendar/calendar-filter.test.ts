import { describe, expect, it } from 'vitest';
import type { CalendarItem } from './calendar-items';
import { calendarFilterQuery, filterItems, parseCalendarFilter } from './calendar-filter';

const item = (over: Partial<CalendarItem>): CalendarItem => ({ key: 'k', satelliteId: 's', kind: 'occurrence', start: 0, end: 1, tailEnd: 1, status: 'READY', label: 'Nightly sync', bunch: 'repo-sync', locked: false, ...over });

describe('calendar filter', () => {
  it('round-trips through the query', () => {
    const filter = parseCalendarFilter({ hide: 'a,b', q: 'sync', org: '3', status: 'FAILED,NOPE' });
    expect(filter).toEqual({ hidden: ['a', 'b'], text: 'sync', org: '3', statuses: ['FAILED'] });
    expect(parseCalendarFilter(calendarFilterQuery(filter) as Record<string, string>)).toEqual(filter);
  });

  it('keeps by text, org and status', () => {
    const items = [item({ key: 'a' }), item({ key: 'b', label: 'Cleanup', bunch: 'cleanup', orgId: 3, status: 'FAILED' })];
    expect(filterItems(items, parseCalendarFilter({ q: 'REPO' })).map((i) => i.key)).toEqual(['a']);
    expect(filterItems(items, parseCalendarFilter({ org: 'satellite' })).map((i) => i.key)).toEqual(['a']);
    expect(filterItems(items, parseCalendarFilter({ org: '3' })).map((i) => i.key)).toEqual(['b']);
    expect(filterItems(items, parseCalendarFilter({ status: 'FAILED' })).map((i) => i.key)).toEqual(['b']);
  });
});
