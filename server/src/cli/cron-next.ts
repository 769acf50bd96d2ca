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

/** Parsed expressions by their text: a batch usually repeats a few expressions many times. Bounded. */
const parsed = new Map<string, ReturnType<typeof validateCron>>();
const PARSED_LIMIT = 10_000;

/**
 * Answers one question. The parser's message names the field at fault ("Hour field: 25 is out of range
 * 0-23"); an unknown zone is named with an example of a good one. Fewer fires than asked means the
 * expression runs out (its years are past, or it never matches, like February 30).
 */
export function cronNext(question: CronNextQuestion): CronNextAnswer {
  let validation = parsed.get(question.expression);
  if (validation === undefined) {
    validation = validateCron(question.expression);
    if (parsed.size >= PARSED_LIMIT) parsed.clear();
    parsed.set(question.expression, validation);
  }
  if (!validation.valid) return { valid: false, error: validation.error };
  let timeZone: string;
  try {
    timeZone = canonicalTimeZone(question.timeZone);
  } catch (error) {
    if (error instanceof UnknownTimeZoneError) return { valid: false, error: error.message };
    throw error;
  }
  const count = Math.min(question.count, MAX_FIRE_COUNT);
  return { valid: true, cron: validation.cron, timeZone, next: nextFireTimes(validation.cron, timeZone, question.after, count) };
}
