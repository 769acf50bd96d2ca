// The parsed form of a Quartz cron expression. Compact on purpose: the server keeps one per schedule (100,000 of
// them), so each field is a bitset of a few 32-bit words rather than an array of its values.

/** Names of the fields of a cron expression, in writing order. */
export type CronFieldName = 'second' | 'minute' | 'hour' | 'dayOfMonth' | 'month' | 'dayOfWeek' | 'year';

/** Where a syntax error was found: one field, or the expression as a whole (e.g. a missing field). */
export type CronErrorField = CronFieldName | 'expression';

/**
 * One comma-separated item of a field, as written: a single value (`start === end`, `step === 1`), a range
 * (`end` may be below `start` for a range that wraps, e.g. hours `22-2`) or a stepped range (`0/15`, `10-40/5`).
 */
export interface CronFieldPart {
  readonly start: number;
  readonly end: number;
  readonly step: number;
  /** Written as `*` (or `*` with a step): the whole range of the field. */
  readonly wildcard: boolean;
}

/** The allowed values of one field, as a bitset over `min..max` (bit `v - min` of `words`, 32 values a word). */
export interface CronField {
  readonly min: number;
  readonly max: number;
  readonly words: ReadonlyArray<number>;
  /** The items as written; kept for describing the expression, not used to evaluate it. */
  readonly parts: ReadonlyArray<CronFieldPart>;
}

/**
 * Which days of a month match. Quartz evaluates either the day-of-month field or the day-of-week field (the
 * other is `?`), never both, so one rule says it all.
 */
export type CronDayRule =
  /** Day-of-month values 1-31; a value past the end of a month matches nothing in that month. */
  | { readonly kind: 'daysOfMonth'; readonly days: CronField }
  /** `L` / `L-n`: the last day minus `offset`; with `W` (`LW`, `L-nW`), the weekday nearest that day. */
  | { readonly kind: 'lastDayOfMonth'; readonly offset: number; readonly nearestWeekday: boolean }
  /** `nW`: the weekday (Monday-Friday) nearest day `day`, never crossing into another month. */
  | { readonly kind: 'nearestWeekday'; readonly day: number }
  /** Day-of-week values, 1 = Sunday ... 7 = Saturday. */
  | { readonly kind: 'daysOfWeek'; readonly weekdays: CronField }
  /** `nL`: the last given weekday of the month (`6L`: the last Friday). */
  | { readonly kind: 'lastWeekdayOfMonth'; readonly weekday: number }
  /** `n#k`: the k-th given weekday of the month (`6#3`: the third Friday); months without one are skipped. */
  | { readonly kind: 'nthWeekdayOfMonth'; readonly weekday: number; readonly nth: number };

/** A parsed Quartz cron expression: immutable, evaluated on the wall clock of a time zone. */
export interface CronExpression {
  /** The text it was parsed from, unchanged. */
  readonly source: string;
  readonly second: CronField;
  readonly minute: CronField;
  readonly hour: CronField;
  readonly day: CronDayRule;
  readonly month: CronField;
  /** 1970-2099; every year of that span when the field is omitted or `*`. */
  readonly year: CronField;
  /**
   * True when the hour field holds `*` or `/`: an interval-like schedule, which also fires in the second pass of
   * a repeated (fall-back) hour so that it keeps its rhythm in real time (conformance README, DST rule 2).
   */
  readonly hourIsInterval: boolean;
}

/** The first year a cron expression can name, and fire in. */
export const CRON_MIN_YEAR = 1970;
/** The last year a cron expression can name, and fire in: past it, nextFireTime returns null. */
export const CRON_MAX_YEAR = 2099;
