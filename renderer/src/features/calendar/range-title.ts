import type { ViewRange } from './view-range';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const day = (date: string) => `${Number(date.slice(8))} ${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;

/** "23 Nov 2026 – 29 Nov 2026", "Nov 2026", "28 Nov 2026". */
export function rangeTitle(range: ViewRange): string {
  if (range.view === 'month') return `${MONTHS[Number(range.anchor.slice(5, 7)) - 1]} ${range.anchor.slice(0, 4)}`;
  const first = range.days[0]!.date;
  const last = range.days[range.days.length - 1]!.date;
  return first === last ? day(first) : `${day(first)} – ${day(last)}`;
}
