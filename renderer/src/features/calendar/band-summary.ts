import { STATUS_LOOK } from '../../lib/status';
import { worstOf, type CalendarItem } from './calendar-items';
import { isRunStatus } from '@taskomatic/shared';

const count = new Intl.NumberFormat('en-GB');

/** "every minute", "every 30 s", "every 5 min", "every 2 h". */
export function everyWords(seconds: number): string {
  if (seconds === 60) return 'every minute';
  if (seconds === 3600) return 'every hour';
  if (seconds < 60 || seconds % 60 !== 0) return `every ${seconds} s`;
  if (seconds < 3600 || seconds % 3600 !== 0) return `every ${seconds / 60} min`;
  return `every ${seconds / 3600} h`;
}

/** What a band says so nothing looks cut: "every minute · 1,440 fires", "1,200 runs · 1,180 ✓ · 20 ✕". */
export function bandSummary(band: NonNullable<CalendarItem['band']>): string {
  if (band.byStatus) {
    const parts = Object.entries(band.byStatus)
      .filter(([, value]) => value > 0)
      .sort(([a], [b]) => (a === worstOf(band.byStatus ?? {}) ? -1 : b === worstOf(band.byStatus ?? {}) ? 1 : 0))
      .map(([status, value]) => `${count.format(value)} ${isRunStatus(status) ? STATUS_LOOK[status].icon : status}`);
    return [`${count.format(band.count)} runs`, ...parts].join(' · ');
  }
  const fires = `${count.format(band.count)} fire${band.count === 1 ? '' : 's'}`;
  return band.everySeconds ? `${everyWords(band.everySeconds)} · ${fires}` : fires;
}
