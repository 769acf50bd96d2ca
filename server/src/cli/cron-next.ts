import {
  canonicalTimeZone,
  type CronExpression,
  nextFireTimes,
  UnknownTimeZoneError,
  validateCron,
} from '@taskomatic/shared';

/** Most fire times one question may ask for; larger counts are capped to it. */
export const MAX_FIRE_COUNT = 1000;

/** One question to `cron next`: fire times strictly after `after` (epoch milliseconds). */
export interface CronNextQuestion {
  readonly expression: string;
  readonly timeZone: string;
  readonly after: number;
  readonly count: number;
}

/** The answer: the parsed expression and the zone's canonical name with the fires, or what is wrong. */
export type CronNextAnswer =
  | {
      readonly valid: true;
      readonly cron: CronExpression;
      readonly timeZone: string;
      readonly next: ReadonlyArray<number>;
    }
  | { readonly valid: false; readonly error: string };

/**
 * Parsed expressions and checked zones by their text: a batch repeats a few of each many times, and asking
 * Intl for a zone's canonical name costs more than computing five fires. Bounded.
 */
const parsed = new Map<string, ReturnType<typeof validateCron>>();
const zones = new Map<string, ZoneCheck>();
const CACHE_LIMIT = 10_000;

type ZoneCheck = { readonly valid: true; readonly canonical: string } | { readonly valid: false; readonly error: string };

/**
 * Answers one question. The parser's message names the field at fault ("Hour field: 25 is out of range
 * 0-23"); an unknown zone is named with an example of a good one. Fewer fires than asked means the
 * expression runs out (its years are past, or it never matches, like February 30).
 */
export function cronNext(question: CronNextQuestion): CronNextAnswer {
  let validation = parsed.get(question.expression);
  if (validation === undefined) {
    validation = validateCron(question.expression);
    if (parsed.size >= CACHE_LIMIT) parsed.clear();
    parsed.set(question.expression, validation);
  }
  if (!validation.valid) return { valid: false, error: validation.error };
  const zone = zoneOf(question.timeZone);
  if (!zone.valid) return zone;
  const timeZone = zone.canonical;
  const count = Math.min(question.count, MAX_FIRE_COUNT);
  return { valid: true, cron: validation.cron, timeZone, next: nextFireTimes(validation.cron, timeZone, question.after, count) };
}

/** A zone's canonical name, or the error naming it, from the cache when asked before. */
function zoneOf(name: string): ZoneCheck {
  let check = zones.get(name);
  if (check === undefined) {
    try {
      check = { valid: true, canonical: canonicalTimeZone(name) };
    } catch (error) {
      if (!(error instanceof UnknownTimeZoneError)) throw error;
      check = { valid: false, error: error.message };
    }
    if (zones.size >= CACHE_LIMIT) zones.clear();
    zones.set(name, check);
  }
  return check;
}
