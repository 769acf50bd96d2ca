/** Bounds on one body, so that a hostile or broken client costs a bounded amount of memory and time. */
export interface ParseLimits {
  /**
   * Largest body in UTF-8 bytes (default 4 MiB). The transport must refuse a bigger body from its Content-Length
   * or while reading it, before it is held whole; the parser checks again.
   */
  readonly maxBytes: number;
  /** Deepest nesting of arrays and structs: an array parameter is depth 1, an array inside it 2 (default 32). */
  readonly maxDepth: number;
  /**
   * Longest string, struct member name or method name, in UTF-16 code units after entities are decoded, and
   * largest base64 value in decoded bytes (default 1 MiB).
   */
  readonly maxStringLength: number;
  /** Most values in one body, counting every `<value>`, arrays and structs included (default 100,000). */
  readonly maxMembers: number;
}

/** The limits used when the configuration says nothing. */
export const DEFAULT_PARSE_LIMITS: ParseLimits = Object.freeze({
  maxBytes: 4 * 1024 * 1024,
  maxDepth: 32,
  maxStringLength: 1024 * 1024,
  maxMembers: 100_000,
});

/** Deepest nesting a configuration may ask for: the parser recurses once per level and must not exhaust the stack. */
export const MAX_DEPTH_CEILING = 1000;

/** Throws a RangeError (a configuration bug, not a bad request) when a limit is not a sensible number. */
export function checkLimits(limits: ParseLimits): void {
  for (const key of ['maxBytes', 'maxDepth', 'maxStringLength', 'maxMembers'] as const) {
    const value = limits[key];
    if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`ParseLimits.${key} must be a positive integer, not ${value}`);
  }
  if (limits.maxDepth > MAX_DEPTH_CEILING) throw new RangeError(`ParseLimits.maxDepth must be at most ${MAX_DEPTH_CEILING}`);
}
