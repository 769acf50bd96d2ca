import type { CronErrorField } from './cron-expression.js';

/** How each field is named in error messages. */
export const CRON_FIELD_LABELS: Readonly<Record<CronErrorField, string>> = Object.freeze({
  second: 'Second',
  minute: 'Minute',
  hour: 'Hour',
  dayOfMonth: 'Day-of-month',
  month: 'Month',
  dayOfWeek: 'Day-of-week',
  year: 'Year',
  expression: 'Cron expression',
});

/**
 * A cron expression that Quartz would not accept. `field` names the offending field so that an editor can point
 * at it; the message names it too, in plain words ("Hour field: 25 is out of range 0-23").
 */
export class CronSyntaxError extends Error {
  override readonly name = 'CronSyntaxError';
  readonly field: CronErrorField;
  /** The problem without the field prefix, e.g. "25 is out of range 0-23". */
  readonly problem: string;

  constructor(field: CronErrorField, problem: string) {
    super(`${CRON_FIELD_LABELS[field]}${field === 'expression' ? '' : ' field'}: ${problem}`);
    this.field = field;
    this.problem = problem;
  }
}
