import type { TaskInfoStruct } from '@taskomatic/shared';
import { describe, expect, it } from 'vitest';
import { bunchParameters, parameterTexts, parameterValues } from './bunch-parameters';
import { parameterHint, parameterProblem, parameterProblems } from './parameter-check';

type Task = Pick<TaskInfoStruct, 'name' | 'parameters'>;
const tasks: ReadonlyArray<Task> = [
  { name: 'summary-population', parameters: [{ name: 'day', type: 'string', required: false, pattern: '[0-9]{4}-[0-9]{2}-[0-9]{2}' }] },
  { name: 'daily-summary', parameters: [{ name: 'day', type: 'string', required: false, pattern: '[0-9]{4}-[0-9]{2}-[0-9]{2}' }] },
  {
    name: 'repo-sync',
    parameters: [
      { name: 'channel', type: 'string', required: true, pattern: '^[a-z0-9][a-z0-9._-]*$', description: 'Label of the channel' },
      { name: 'no-errata', type: 'boolean', required: false, default: false },
      { name: 'mode', type: 'enum', required: false, values: ['full', 'incremental'] },
    ],
  },
  { name: 'clear-log-history', parameters: [{ name: 'retention-days', type: 'integer', required: false, min: 1, max: 36500 }] },
  { name: 'free-text', parameters: [{ name: 'note', type: 'string', required: false }, { name: 'offset', type: 'integer', required: false, min: -10, max: 10 }] },
];

const of = (...steps: string[]) => bunchParameters({ steps: steps.map((task) => ({ task })) }, tasks);
const field = (steps: string[], name: string) => {
  const found = of(...steps).find((item) => item.name === name);
  if (!found) throw new Error(`no ${name}`);
  return found;
};

describe('bunchParameters', () => {
  it('merges a name several tasks declare into one field that knows its tasks', () => {
    const parameters = of('summary-population', 'daily-summary');
    expect(parameters.map((item) => [item.name, item.tasks])).toEqual([['day', ['summary-population', 'daily-summary']]]);
  });
  it('keeps step order, declared types, requiredness and defaults; unknown tasks add nothing', () => {
    const parameters = of('repo-sync', 'missing-task', 'clear-log-history');
    expect(parameters.map((item) => [item.name, item.type, item.required, item.default])).toEqual([
      ['channel', 'string', true, undefined],
      ['no-errata', 'boolean', false, false],
      ['mode', 'enum', false, undefined],
      ['retention-days', 'integer', false, undefined],
    ]);
  });
});

describe('parameterProblem', () => {
  it('checks required fields, patterns (whole value) and ranges as the server does', () => {
    expect(parameterProblem(field(['repo-sync'], 'channel'), '')).toBe('required');
    expect(parameterProblem(field(['repo-sync'], 'channel'), 'rhel-9.x86_64')).toBeUndefined();
    expect(parameterProblem(field(['repo-sync'], 'channel'), 'RHEL')).toBe('must match ^[a-z0-9][a-z0-9._-]*$');
    expect(parameterProblem(field(['summary-population'], 'day'), '2026-11-28x')).toMatch(/must match/);
    expect(parameterProblem(field(['clear-log-history'], 'retention-days'), '0')).toBe('must be between 1 and 36500');
    expect(parameterProblem(field(['clear-log-history'], 'retention-days'), '7.5')).toBe('must be a whole number');
    expect(parameterProblem(field(['clear-log-history'], 'retention-days'), '30')).toBeUndefined();
  });
  it('refuses option-like and control characters unless a pattern allows them; negatives only with a negative min', () => {
    expect(parameterProblem(field(['free-text'], 'note'), '--output=/etc/passwd')).toMatch(/must not start with '-'/);
    expect(parameterProblem(field(['free-text'], 'note'), 'a\u0007b')).toMatch(/control/);
    expect(parameterProblem(field(['free-text'], 'offset'), '-5')).toBeUndefined();
    expect(parameterProblem(field(['free-text'], 'offset'), '-11')).toMatch(/between -10 and 10/);
  });
  it('checks enums and booleans against their values', () => {
    expect(parameterProblem(field(['repo-sync'], 'mode'), 'partial')).toBe('must be one of full, incremental');
    expect(parameterProblem(field(['repo-sync'], 'no-errata'), 'maybe')).toBe('must be true or false');
  });
  it('names the task when the field belongs to several', () => {
    expect(parameterProblem(field(['summary-population', 'daily-summary'], 'day'), 'x')).toMatch(/\(task summary-population\)$/);
  });
  it('collects every problem of a form', () => {
    expect(parameterProblems(of('repo-sync'), { mode: 'partial' })).toEqual({ channel: 'required', mode: 'must be one of full, incremental' });
  });
  it('says the range and pattern in a hint', () => {
    expect(parameterHint(field(['clear-log-history'], 'retention-days'))).toBe('1–36500');
    expect(parameterHint(field(['summary-population', 'daily-summary'], 'day'))).toBe('matches [0-9]{4}-[0-9]{2}-[0-9]{2}');
  });
});

describe('texts and values', () => {
  it('sends filled fields in their declared types and leaves empty ones to the defaults', () => {
    const parameters = of('repo-sync', 'clear-log-history');
    expect(parameterValues(parameters, { channel: 'base', 'no-errata': 'true', mode: '', 'retention-days': '14', stray: 'x' })).toEqual({ channel: 'base', 'no-errata': true, 'retention-days': 14 });
  });
  it('reads stored values back into the form', () => {
    expect(parameterTexts(of('repo-sync'), { channel: 'base', 'no-errata': false })).toEqual({ channel: 'base', 'no-errata': 'false', mode: '' });
  });
});
