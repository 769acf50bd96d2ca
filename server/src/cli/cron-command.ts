import { describeCron } from '@taskomatic/shared';
import { CliError, EXIT_INVALID_INPUT } from './cli-error.js';
import { answerJsonl } from './cron-jsonl.js';
import { cronNext, MAX_FIRE_COUNT } from './cron-next.js';
import { OutputWriter } from './output-writer.js';
import { formatTable } from './table.js';
import { isoUtc, zonedTime } from './time-format.js';

/** Options of `cron next`, as the program declares them. */
export interface CronNextOptions {
  readonly tz: string;
  readonly after?: number;
  readonly count: number;
  readonly json?: boolean;
  readonly jsonl?: boolean;
}

/** `cron next`: one expression from the command line, or a stream of them with `--jsonl`. */
export async function cronNextCommand(expression: string | undefined, options: CronNextOptions): Promise<void> {
  const after = options.after ?? Date.now();
  const defaults = { timeZone: options.tz, after, count: options.count };
  if (options.jsonl) {
    if (expression !== undefined) throw new CliError('give either an EXPRESSION or --jsonl (with questions on stdin), not both');
    await answerJsonl(process.stdin, new OutputWriter(), defaults);
    return;
  }
  if (expression === undefined) throw new CliError('missing the cron EXPRESSION (or --jsonl to read questions from stdin)');
  const answer = cronNext({ expression, ...defaults });
  if (!answer.valid) {
    if (!options.json) throw new CliError(`'${expression}': ${answer.error}`, { exitCode: EXIT_INVALID_INPUT });
    process.stdout.write(`${JSON.stringify({ valid: false, error: answer.error })}\n`);
    process.exitCode = EXIT_INVALID_INPUT;
    return;
  }
  const description = describeCron(answer.cron);
  if (options.json) {
    const next = answer.next.map(isoUtc);
    const json = { valid: true, expression, timezone: answer.timeZone, description, next };
    process.stdout.write(`${JSON.stringify(json)}\n`);
    return;
  }
  process.stdout.write(firesText(expression, description, answer.timeZone, after, answer.next, options.count));
}

/** The human form: the expression, its sentence, then each fire on the zone's wall clock and in UTC. */
function firesText(
  expression: string,
  description: string,
  timeZone: string,
  after: number,
  fires: ReadonlyArray<number>,
  asked: number,
): string {
  const head = `${expression}\n${description}\n`;
  const when = `in ${timeZone} after ${isoUtc(after)}`;
  if (fires.length === 0) return `${head}No fire time ${when}: the expression has none left\n`;
  const ranOut = fires.length < Math.min(asked, MAX_FIRE_COUNT) ? ' (the expression has no more)' : '';
  const rows = fires.map((fire) => [zonedTime(fire, timeZone), isoUtc(fire)]);
  const what = fires.length === 1 ? 'Next fire time' : `Next ${fires.length} fire times`;
  return (
    `${head}${what} ${when}${ranOut}:\n` +
    formatTable([`LOCAL TIME (${timeZone})`, 'UTC'], rows)
  );
}
