import type { CronField, CronFieldPart } from './cron-expression.js';

/** Builds the frozen bitset of a field from its frozen parts; a range that wraps (`22-2`) runs past `max` to `min`. */
export function buildCronField(min: number, max: number, parts: ReadonlyArray<CronFieldPart>): CronField {
  const span = max - min + 1;
  const words = new Array<number>(Math.ceil(span / 32)).fill(0);
  for (const part of parts) {
    const last = part.end >= part.start ? part.end : part.end + span;
    for (let v = part.start; v <= last; v += part.step) {
      const bit = (v - min) % span;
      const word = bit >>> 5;
      words[word] = (words[word] ?? 0) | (1 << (bit & 31));
    }
  }
  return Object.freeze({
    min,
    max,
    words: Object.freeze(words),
    // Parts are frozen where they are made (cron-field-parse.ts); copying them here would double the parse cost.
    parts: Object.freeze(parts.slice()),
  });
}

/** Smallest allowed value of the field that is >= `from`, or -1 when there is none up to `max`. */
export function nextFieldValue(field: CronField, from: number): number {
  const words = field.words;
  let bit = from <= field.min ? 0 : from - field.min;
  let index = bit >>> 5;
  let shift = bit & 31;
  while (index < words.length) {
    // `-1 << shift` keeps the bits at and above `shift`; then `x & -x` isolates the lowest one left.
    const masked = (words[index] ?? 0) & (-1 << shift);
    if (masked !== 0) {
      bit = (index << 5) + 31 - Math.clz32(masked & -masked);
      return field.min + bit;
    }
    index += 1;
    shift = 0;
  }
  return -1;
}

/** True when `value` is allowed by the field. */
export function fieldHas(field: CronField, value: number): boolean {
  if (value < field.min || value > field.max) return false;
  const bit = value - field.min;
  return ((field.words[bit >>> 5] ?? 0) & (1 << (bit & 31))) !== 0;
}

/** The allowed values of a field, ascending. */
export function fieldValues(field: CronField): number[] {
  const values: number[] = [];
  for (let v = nextFieldValue(field, field.min); v !== -1; v = nextFieldValue(field, v + 1)) values.push(v);
  return values;
}

/** True when every value of the field's range is allowed. */
export function fieldIsFull(field: CronField): boolean {
  return fieldValues(field).length === field.max - field.min + 1;
}
