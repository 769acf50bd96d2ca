// The shared cron conformance cases (copied from ../shared/conformance, which the project never reads at run
// time): 605 whose `next` lists are what Quartz 2.3.2 returns, and 360 around daylight-saving changes under the
// project's rule. Instants are compared, not strings: the cases spell offsets in several ways.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CronSyntaxError, nextFireTimes, parseCron } from '../src/schedule/index.js';

interface ConformanceCase {
  readonly expression: string;
  readonly timezone: string;
  readonly after: string;
  readonly valid: boolean;
  readonly next?: ReadonlyArray<string>;
  readonly error?: string;
}

interface NumberedCase extends ConformanceCase {
  readonly line: number;
}

function loadCases(file: string): NumberedCase[] {
  const text = readFileSync(new URL(`./conformance/${file}`, import.meta.url), 'utf8');
  return text
    .split('\n')
    .map((line, index) => ({ line, number: index + 1 }))
    .filter(({ line }) => line.trim() !== '')
    .map(({ line, number }) => ({ ...(JSON.parse(line) as ConformanceCase), line: number }));
}

function iso(instant: number): string {
  return new Date(instant).toISOString();
}

describe.each(['cron-quartz.jsonl', 'cron-dst.jsonl'])('%s', (file) => {
  const cases = loadCases(file);

  it('holds the expected number of cases', () => {
    expect(cases.length).toBe(file === 'cron-quartz.jsonl' ? 605 : 360);
  });

  it.each(cases)('line $line: $expression in $timezone after $after', (c) => {
    if (!c.valid) {
      expect(() => parseCron(c.expression), c.error).toThrow(CronSyntaxError);
      return;
    }
    const expected = (c.next ?? []).map((text) => iso(Date.parse(text)));
    const actual = nextFireTimes(parseCron(c.expression), c.timezone, Date.parse(c.after), expected.length).map(iso);
    expect(actual).toEqual(expected);
  });
});
