import { type Command, Option } from 'commander';
import { describeCron } from '@taskomatic/shared';
import { CliError, EXIT_INVALID_INPUT } from './cli-error.js';
import { answerJsonl } from './cron-jsonl.js';
import { cronNext, MAX_FIRE_COUNT } from './cron-next.js';
import { instantOption, positiveInt } from './option-parsers.js';
import { OutputWriter } from './output-writer.js';
import { formatTable } from './table.js';
import { isoUtc, zonedTime } from './time-format.js';

interface CronNextOptions {
  readonly tz: string;
  readonly after?: number;
  readonly count: number;
  readonly json?: boolean;
  readonly jsonl?: boolean;
}

const JSONL_HELP = `
With --jsonl, each line of stdin is one JSON object
  {"expression": "0 30 2 * * ?", "timezone": "America/New_York", "after": "2027-03-13T00:00:00Z", "count": 3}
("timezone", "after", "count" are optional: --tz, --after, --count give their defaults; "after" may also be
epoch milliseconds; counts above ${MAX_FIRE_COUNT} are capped). Each non-blank line gets one output line, in order:
  {"valid":true,"next":["2027-03-13T07:30:00.000Z", ...]}   or   {"valid":false,"error":"..."}
Blank lines get no output line. A line that is not a JSON object, or lacks "expression", gets
{"valid":false,"error":"line N: ..."} with its line number (counting every line, blank ones too).
The exit code is 0 even when some lines are invalid: their answers say so.`;

/** Adds `cron` (questions about cron expressions, answered without a server) to the program. */
export function addCronCommand(program: Command): void {
  const cron = program.command('cron').description('answer questions about Quartz cron expressions (no server needed)');
  cron
    .command('next')
    .description(
      'print the next fire times of a Quartz cron expression in a time zone, with its description; ' +
        `exit code 2 for an invalid expression or zone`,
    )
    .argument('[expression]', 'Quartz cron expression, seconds first, in quotes')
    .option('--tz <zone>', 'IANA time zone the expression runs in', 'UTC')
    .option('--after <instant>', 'list fires strictly after this ISO 8601 instant (default: now)', instantOption)
    .option('--count <n>', `how many fire times (at most ${MAX_FIRE_COUNT})`, positiveInt, 5)
    .addOption(new Option('--json', 'print one JSON object instead of text').conflicts('jsonl'))
    .option('--jsonl', 'answer one JSON question per line of stdin (see below)')
    .addHelpText('after', JSONL_HELP)
    .action(cronNextCommand);
}

/** `cron next`: one expression from the command line, or a stream of them with `--jsonl`. */
async function cronNextCommand(expression: string | undefined, options: CronNextOptions): Promise<void> {
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
