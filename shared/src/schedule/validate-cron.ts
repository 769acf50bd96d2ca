import type { CronErrorField, CronExpression } from './cron-expression.js';
import { parseCron } from './cron-parse.js';
import { CronSyntaxError } from './cron-syntax-error.js';

/** The outcome of checking a cron expression typed by a person: the parsed form, or what is wrong and where. */
export type CronValidation =
  | { readonly valid: true; readonly cron: CronExpression }
  | { readonly valid: false; readonly error: string; readonly field: CronErrorField };

/** Parses `expression` without throwing: for forms and API input, where a bad expression is an answer. */
export function validateCron(expression: string): CronValidation {
  try {
    return { valid: true, cron: parseCron(expression) };
  } catch (error) {
    if (error instanceof CronSyntaxError) return { valid: false, error: error.message, field: error.field };
    throw error;
  }
}
