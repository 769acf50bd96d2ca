import { createInterface } from 'node:readline';
import { cronNext, type CronNextQuestion } from './cron-next.js';
import { parseInstant } from './option-parsers.js';
import type { OutputWriter } from './output-writer.js';
import { isoUtc } from './time-format.js';

/** What a line leaves out: the command's `--tz`, `--after`, `--count` (default: UTC, now, 5). */
export type QuestionDefaults = Omit<CronNextQuestion, 'expression'>;

/**
 * `cron next --jsonl`: one question per input line, one answer per non-blank line, in order. Lines are read
 * and answered as they come (readline pauses the input when answers cannot be written fast enough), so
 * input of any length runs in bounded memory, and a program that writes a line and waits for its answer
 * gets it at once. A bad line is an answer, not a failure.
 */
export async function answerJsonl(
  input: NodeJS.ReadableStream,
  output: OutputWriter,
  defaults: QuestionDefaults,
): Promise<void> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of lines) {
    lineNo++;
    if (line.trim() === '') continue;
    const answer = answerLine(line, lineNo, defaults);
    await output.writeBatched(`${JSON.stringify(answer)}\n`);
    if (output.closed) break;
  }
  lines.close();
  await output.flush();
}

type LineAnswer = { readonly valid: true; readonly next: ReadonlyArray<string> } | { readonly valid: false; readonly error: string };

/** One line's answer; problems with the line itself (not JSON, a field of the wrong type) carry its number. */
export function answerLine(line: string, lineNo: number, defaults: QuestionDefaults): LineAnswer {
  const question = questionOf(line, defaults);
  if (typeof question === 'string') return { valid: false, error: `line ${lineNo}: ${question}` };
  const answer = cronNext(question);
  return answer.valid ? { valid: true, next: answer.next.map(isoUtc) } : { valid: false, error: answer.error };
}

/** The question a line asks, or what is wrong with the line. */
function questionOf(line: string, defaults: QuestionDefaults): CronNextQuestion | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return `not JSON (${(error as Error).message})`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'expected a JSON object such as {"expression":"0 0 23 ? * *","timezone":"UTC"}';
  }
  const fields = value as Record<string, unknown>;
  // null and absent both mean "the default", as JSON writers often emit null for an unset field.
  const { expression, after } = fields;
  const timezone = fields['timezone'] ?? defaults.timeZone;
  const count = fields['count'] ?? defaults.count;
  if (typeof expression !== 'string') return 'missing "expression" (a cron expression as a string)';
  if (typeof timezone !== 'string') return '"timezone" must be a string such as "Europe/Prague"';
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) return '"count" must be a whole number from 1';
  let afterMs = defaults.after;
  if (typeof after === 'number' && Number.isFinite(after)) afterMs = after;
  else if (typeof after === 'string') {
    const parsed = parseInstant(after);
    if (typeof parsed !== 'number') return `"after": ${parsed.error}`;
    afterMs = parsed;
  } else if (after !== undefined && after !== null) {
    return '"after" must be an ISO 8601 instant (or epoch milliseconds)';
  }
  return { expression, timeZone: timezone, after: afterMs, count };
}
