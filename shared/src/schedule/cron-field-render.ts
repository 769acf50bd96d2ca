// Writes a field's values back as cron text, as short as cron allows: `*`, `a/step`, `a-b/step`, ranges, lists.
// Used where a cron is rewritten (cron-shift.ts) and the result should read like something a person would type.

/** How a rewritten field may be written. */
export interface FieldRenderOptions {
  readonly min: number;
  readonly max: number;
  /** Steps (`/`) allowed: not for a fixed hour list, whose daylight-saving rule differs from an interval's. */
  readonly allowStep: boolean;
  /** Three-letter names, the first standing for `min` (day-of-week: SUN-SAT). */
  readonly names?: ReadonlyArray<string>;
}

/** The cron text of a non-empty set of field values (any order, no duplicates). */
export function renderFieldValues(values: ReadonlyArray<number>, options: FieldRenderOptions): string {
  const sorted = [...values].sort((a, b) => a - b);
  const { min, max, allowStep, names } = options;
  const name = (v: number) => names?.[v - min] ?? String(v);
  if (sorted.length === max - min + 1) return '*';
  const first = sorted[0];
  const second = sorted[1];
  if (first === undefined) throw new RangeError('a cron field needs at least one value');
  if (allowStep && second !== undefined && sorted.length >= 3) {
    const step = second - first;
    const regular = sorted.every((v, i) => v === first + i * step);
    const last = first + (sorted.length - 1) * step;
    if (regular && step > 1) return last + step > max ? `${name(first)}/${step}` : `${name(first)}-${name(last)}/${step}`;
  }
  const items: string[] = [];
  let runStart = first;
  for (let i = 1; i <= sorted.length; i += 1) {
    const previous = sorted[i - 1] ?? first;
    const value = sorted[i];
    if (value === previous + 1) continue;
    // Two neighbours read better as a list (`8,9`) than as a range.
    if (previous - runStart >= 2) items.push(`${name(runStart)}-${name(previous)}`);
    else for (let v = runStart; v <= previous; v += 1) items.push(name(v));
    if (value !== undefined) runStart = value;
  }
  return items.join(',');
}
