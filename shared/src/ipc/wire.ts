/**
 * JSON that keeps dates, for the browser bridge (Electron's structured clone keeps them on its own).
 * A date travels as `{ "$date": "2026-11-28T10:00:00.000Z" }`; no other object of ours has a `$date` member.
 */
export function encodeWire(value: unknown): string {
  return JSON.stringify(value, function replacer(this: Record<string, unknown>, key: string, item: unknown) {
    const raw = this[key];
    return raw instanceof Date ? { $date: raw.toISOString() } : item;
  });
}

/** Reads what `encodeWire` wrote, dates as `Date`. */
export function decodeWire(text: string): unknown {
  return JSON.parse(text, (_key, item: unknown) => {
    if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
      const date = (item as { $date?: unknown }).$date;
      if (typeof date === 'string' && Object.keys(item).length === 1) return new Date(date);
    }
    return item;
  });
}
