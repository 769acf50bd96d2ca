/** Milliseconds in each unit a duration may use, largest first: a value lists its units in this order. */
const UNITS: ReadonlyArray<readonly [unit: string, ms: number]> = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1_000],
  ['ms', 1],
];

// One `<number><unit>` part; `ms` is tried before `m` so that `500ms` is not read as 500 minutes and a stray `s`.
const PART = /(\d+(?:\.\d+)?)(ms|d|h|m|s)/y;

/**
 * Reads a duration from the configuration and returns milliseconds.
 * A number is milliseconds; a string is either a whole number of milliseconds (`"1500"`) or parts with units
 * `d`, `h`, `m`, `s`, `ms`, largest first, each at most once (`500ms`, `30s`, `5m`, `2h`, `1d`, `1h30m`, `1.5h`).
 * Fractions are rounded to the millisecond. `what` names the setting in the error (e.g. "tasks.repo-sync.timeout").
 */
export function parseDuration(value: string | number, what: string): number {
  const ms = typeof value === 'number' ? fromNumber(value) : fromString(value.trim());
  if (ms === null) {
    throw new Error(
      `Invalid ${what}: ${JSON.stringify(value)} is not a duration (use e.g. 500ms, 30s, 5m, 2h, 1d or 1h30m)`,
    );
  }
  return ms;
}

function fromNumber(value: number): number | null {
  return Number.isFinite(value) && value >= 0 && value <= Number.MAX_SAFE_INTEGER ? Math.round(value) : null;
}

function fromString(text: string): number | null {
  if (/^\d+$/.test(text)) return fromNumber(Number(text));
  if (text === '') return null;
  let total = 0;
  let position = 0;
  let smallestUsed = -1; // index in UNITS of the last unit read: the next one must be smaller
  while (position < text.length) {
    PART.lastIndex = position;
    const match = PART.exec(text);
    if (!match) return null;
    const unitIndex = UNITS.findIndex(([unit]) => unit === match[2]);
    const unit = UNITS[unitIndex];
    if (!unit || unitIndex <= smallestUsed) return null;
    smallestUsed = unitIndex;
    total += Number(match[1]) * unit[1];
    position = PART.lastIndex;
  }
  return fromNumber(total);
}
