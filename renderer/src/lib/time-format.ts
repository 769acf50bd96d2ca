import type { DisplayZone } from '../stores/preferences-store';

/** This computer's zone. */
export const MY_ZONE: string = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The IANA zone a display preference means for a satellite (its own zone, or UTC when unknown). */
export function zoneOf(display: DisplayZone, satelliteZone: string | undefined): string {
  switch (display) {
    case 'mine':
      return MY_ZONE;
    case 'satellite':
      return satelliteZone ?? 'UTC';
    case 'utc':
      return 'UTC';
  }
}

/** How much of an instant to show. */
export type TimeStyle = 'datetime' | 'time' | 'date' | 'full';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string, style: TimeStyle, hour24: boolean): Intl.DateTimeFormat {
  const key = `${zone}|${style}|${hour24}`;
  let found = formatters.get(key);
  if (!found) {
    const time = { hour: '2-digit', minute: '2-digit', hourCycle: hour24 ? 'h23' : 'h12' } as const;
    const date = { day: 'numeric', month: 'short' } as const;
    const options: Intl.DateTimeFormatOptions =
      style === 'time'
        ? { ...time, timeZoneName: 'short' }
        : style === 'date'
          ? { ...date, year: 'numeric' }
          : style === 'full'
            ? { ...date, year: 'numeric', weekday: 'short', ...time, second: '2-digit', timeZoneName: 'short' }
            : { ...date, ...time, timeZoneName: 'short' };
    found = new Intl.DateTimeFormat('en-GB', { ...options, timeZone: zone });
    formatters.set(key, found);
  }
  return found;
}

/** An instant in a zone, with the zone's abbreviation ("28 Nov, 14:05 CET"). */
export function formatInstant(date: Date, zone: string, style: TimeStyle = 'datetime', hour24 = true): string {
  return formatter(zone, style, hour24).format(date);
}

/** The hover text of a time: mine, the satellite's, and UTC. */
export function instantTooltip(date: Date, satelliteName: string | undefined, satelliteZone: string | undefined, hour24 = true): string {
  const lines = [`Mine: ${formatInstant(date, MY_ZONE, 'full', hour24)}`];
  if (satelliteZone) lines.push(`${satelliteName ?? 'Satellite'} (${satelliteZone}): ${formatInstant(date, satelliteZone, 'full', hour24)}`);
  lines.push(`UTC: ${formatInstant(date, 'UTC', 'full', hour24)}`);
  return lines.join('\n');
}

/** "in 5 min", "3 h ago", "now". */
export function formatRelative(date: Date, now: number = Date.now()): string {
  const seconds = Math.round((date.getTime() - now) / 1000);
  const size = Math.abs(seconds);
  const amount = size < 45 ? null : size < 3600 ? `${Math.round(size / 60)} min` : size < 86_400 * 2 ? `${Math.round(size / 3600)} h` : `${Math.round(size / 86_400)} d`;
  if (amount === null) return seconds > 0 ? 'in a moment' : 'just now';
  return seconds >= 0 ? `in ${amount}` : `${amount} ago`;
}

/** A duration in words: "850 ms", "42 s", "12 min 5 s", "3 h 2 min". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 ? `${minutes} min ${seconds % 60} s` : `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}

/** A byte count in words: "512 B", "1.4 KB", "50.0 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}
