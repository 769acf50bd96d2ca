import { beforeAll, describe, expect, it } from 'vitest';
import { requireBuiltCli, runCli } from './cli-process.js';

beforeAll(requireBuiltCli);

// 2027-03-14 is the spring-forward day in New York: 02:30 does not exist that night and fires at 03:30 EDT.
const DST_ARGS = ['cron', 'next', '0 30 2 * * ?', '--tz', 'America/New_York', '--after', '2027-03-13T00:00:00Z', '--count', '3'];

describe('cron next', () => {
  it('prints the expression, its sentence and each fire in local time and UTC', async () => {
    const result = await runCli(DST_ARGS);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.slice(0, 3)).toEqual([
      '0 30 2 * * ?',
      'At 02:30, every day',
      'Next 3 fire times in America/New_York after 2027-03-13T00:00:00.000Z:',
    ]);
    expect(lines[3]).toMatch(/^LOCAL TIME \(America\/New_York\)\s+UTC$/);
    expect(lines.slice(4).map((line) => line.split(/\s{2,}/))).toEqual([
      ['Sat 2027-03-13T02:30:00-05:00', '2027-03-13T07:30:00.000Z'],
      ['Sun 2027-03-14T03:30:00-04:00', '2027-03-14T07:30:00.000Z'],
      ['Mon 2027-03-15T02:30:00-04:00', '2027-03-15T06:30:00.000Z'],
    ]);
  });

  it('prints one JSON object with --json', async () => {
    const result = await runCli([...DST_ARGS, '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      valid: true,
      expression: '0 30 2 * * ?',
      timezone: 'America/New_York',
      description: 'At 02:30, every day',
      next: ['2027-03-13T07:30:00.000Z', '2027-03-14T07:30:00.000Z', '2027-03-15T06:30:00.000Z'],
    });
  });

  it('defaults to UTC, five fires, after now', async () => {
    const before = Date.now();
    const result = await runCli(['cron', 'next', '0 0/15 * * * ?', '--json']);
    const answer = JSON.parse(result.stdout) as { timezone: string; next: string[] };
    expect(answer.timezone).toBe('UTC');
    expect(answer.next).toHaveLength(5);
    expect(Date.parse(answer.next[0] ?? '')).toBeGreaterThan(before);
    expect(Date.parse(answer.next[0] ?? '')).toBeLessThanOrEqual(before + 15 * 60_000 + 5000);
  });

  it('names the faulty field and exits with 2 for an invalid expression', async () => {
    const text = await runCli(['cron', 'next', '0 30 25 * * ?']);
    expect(text.code).toBe(2);
    expect(text.stdout).toBe('');
    expect(text.stderr).toMatch(/Hour field: 25 is out of range 0-23/);

    const json = await runCli(['cron', 'next', '0 30 25 * * ?', '--json']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toEqual({ valid: false, error: 'Hour field: 25 is out of range 0-23' });
  });

  it('exits with 2 for an unknown zone, and with 1 for a bad option', async () => {
    const zone = await runCli(['cron', 'next', '0 0 1 * * ?', '--tz', 'Mars/Olympus_Mons', '--json']);
    expect(zone.code).toBe(2);
    expect(JSON.parse(zone.stdout)).toEqual({ valid: false, error: expect.stringMatching(/Unknown time zone: 'Mars\/Olympus_Mons'/) });

    const after = await runCli(['cron', 'next', '0 0 1 * * ?', '--after', '2027-03-13T00:00:00']);
    expect(after.code).toBe(1);
    expect(after.stderr).toMatch(/not an ISO 8601 instant with Z or an offset/);
  });
});

describe('cron next --jsonl', () => {
  it('answers each non-blank line in order, bad lines included, and exits with 0', async () => {
    const input = [
      JSON.stringify({ expression: '0 30 2 * * ?', timezone: 'America/New_York', after: '2027-03-13T00:00:00Z', count: 2 }),
      '',
      'this is not JSON',
      JSON.stringify({ timezone: 'UTC' }),
      JSON.stringify({ expression: '0 0 25 * * ?' }),
      '   ',
      JSON.stringify({ expression: '0 0 12 * * ?', timezone: 'Nowhere/City' }),
      JSON.stringify({ expression: '0 0 12 * * ?', after: '2027-01-01T00:00:00Z', count: 1 }),
      JSON.stringify({ expression: '0 0 12 * * ?', after: Date.parse('2027-01-01T12:00:00Z'), count: 1, timezone: 'Asia/Kolkata' }),
    ].join('\n');
    const result = await runCli(['cron', 'next', '--jsonl'], `${input}\n`);
    expect(result.code).toBe(0);
    expect(result.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as unknown)).toEqual([
      { valid: true, next: ['2027-03-13T07:30:00.000Z', '2027-03-14T07:30:00.000Z'] },
      { valid: false, error: expect.stringMatching(/^line 3: not JSON/) },
      { valid: false, error: expect.stringMatching(/^line 4: missing "expression"/) },
      { valid: false, error: 'Hour field: 25 is out of range 0-23' },
      { valid: false, error: expect.stringMatching(/Unknown time zone: 'Nowhere\/City'/) },
      { valid: true, next: ['2027-01-01T12:00:00.000Z'] },
      { valid: true, next: ['2027-01-02T06:30:00.000Z'] },
    ]);
  });

  it('takes --tz, --after and --count as the defaults of its lines, and caps the count', async () => {
    const input = `${JSON.stringify({ expression: '0 0 0 * * ?' })}\n${JSON.stringify({ expression: '0 * * * * ?', count: 5000 })}\n`;
    const result = await runCli(['cron', 'next', '--jsonl', '--tz', 'Europe/Prague', '--after', '2027-06-01T00:00:00Z', '--count', '2'], input);
    const [first, second] = result.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as { next: string[] });
    expect(first?.next).toEqual(['2027-06-01T22:00:00.000Z', '2027-06-02T22:00:00.000Z']);
    expect(second?.next).toHaveLength(1000);
  });

  it('refuses an expression together with --jsonl', async () => {
    const result = await runCli(['cron', 'next', '0 0 1 * * ?', '--jsonl'], '');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/either an EXPRESSION or --jsonl/);
  });

  it('streams a large input in order', async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => JSON.stringify({ expression: `0 ${i % 60} * * * ?`, after: '2027-01-01T00:00:00Z', count: 1 }));
    const result = await runCli(['cron', 'next', '--jsonl'], `${lines.join('\n')}\n`);
    const answers = result.stdout.trimEnd().split('\n');
    expect(answers).toHaveLength(20_000);
    expect(JSON.parse(answers[59] ?? '')).toEqual({ valid: true, next: ['2027-01-01T00:59:00.000Z'] });
    expect(JSON.parse(answers[19_999] ?? '')).toEqual({ valid: true, next: ['2027-01-01T00:19:00.000Z'] });
  });
});
