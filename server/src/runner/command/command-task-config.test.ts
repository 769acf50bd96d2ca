import { describe, expect, it } from 'vitest';
import { commandTaskSchema, toTaskParameters } from './command-task-config.js';

/** The messages of the issues found in `input`, each prefixed with its path. */
function problems(input: unknown): string[] {
  const result = commandTaskSchema.safeParse(input);
  if (result.success) throw new Error(`accepted ${JSON.stringify(input)}`);
  return result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('commandTaskSchema', () => {
  it('fills in the defaults', () => {
    expect(commandTaskSchema.parse({ description: 'Does it' })).toEqual({
      description: 'Does it',
      executable: null,
      args: [],
      parameters: {},
      timeout: 3_600_000,
      killGrace: 10_000,
      parallelizable: true,
      scope: 'any',
    });
  });

  it('reads a full definition, converts durations and defaults, and freezes the result', () => {
    const task = commandTaskSchema.parse({
      description: 'Sync',
      executable: '/usr/bin/spacewalk-repo-sync',
      args: ['--channel', '{channel}', '--limit={limit}', '{quiet?-q}', '--mode={mode}'],
      parameters: {
        channel: { type: 'string', required: true, pattern: '^[a-z]+$', description: 'Channel label' },
        limit: { type: 'integer', min: 1, max: 10, default: '5' },
        quiet: { type: 'boolean', default: 'yes' },
        mode: { type: 'enum', values: ['fast', 'full'], default: 'full' },
      },
      timeout: '1h30m',
      killGrace: 2500,
      parallelizable: false,
      maxParallel: 1,
      scope: 'org',
      env: { LC_ALL: 'C' },
      workingDirectory: '/var/tmp',
    });
    expect(task).toMatchObject({ timeout: 5_400_000, killGrace: 2_500, env: { LC_ALL: 'C' } });
    expect(task.parameters['limit']?.default).toBe(5);
    expect(task.parameters['quiet']?.default).toBe(true);
    expect(Object.isFrozen(task) && Object.isFrozen(task.args) && Object.isFrozen(task.parameters)).toBe(true);
    expect(Object.isFrozen(task.parameters['mode']) && Object.isFrozen(task.parameters['mode']?.values)).toBe(true);
    expect(toTaskParameters(task)).toEqual([
      { name: 'channel', type: 'string', required: true, pattern: '^[a-z]+$', description: 'Channel label' },
      { name: 'limit', type: 'integer', required: false, default: 5, min: 1, max: 10 },
      { name: 'quiet', type: 'boolean', required: false, default: true },
      { name: 'mode', type: 'enum', required: false, default: 'full', values: ['fast', 'full'] },
    ]);
  });

  it.each([
    [{ description: 'x', timout: '1h' }, ': Unrecognized key: "timout"'],
    [{ description: 'x', parameters: { a: { type: 'string', requried: true } } }, 'parameters.a: Unrecognized key: "requried"'],
    [{ description: 'x', executable: 'bin/sync' }, 'executable: must be an absolute path'],
    [{ description: 'x', workingDirectory: 'tmp' }, 'workingDirectory: must be an absolute path'],
    [{ description: 'x', timeout: 'soon' }, 'timeout: Invalid timeout: "soon" is not a duration (use e.g. 500ms, 30s, 5m, 2h, 1d or 1h30m)'],
    [{ description: 'x', timeout: 0 }, 'timeout: the timeout must be positive'],
    [{ description: 'x', maxParallel: 0 }, 'maxParallel: Too small: expected number to be >0'],
    [{ description: 'x', parallelizable: false, maxParallel: 2 }, 'maxParallel: a task that is not parallelizable runs once at a time; drop maxParallel or set it to 1'],
    [{ description: 'x', args: ['{nope}'] }, 'args: argument 1 "{nope}": refers to {nope}, which is not a declared parameter'],
    [{ description: 'x', scope: 'global' }, 'scope: Invalid option: expected one of "satellite"|"org"|"any"'],
    [{ description: 'x', env: { 'BAD-NAME': 'x' } }, 'env.BAD-NAME: a variable name is a letter then letters, digits or _'],
    [{ description: 'x', parameters: { '1st': { type: 'string' } } }, 'parameters.1st: a parameter name is a letter then letters, digits, _ or -'],
  ])('refuses %j', (input, message) => {
    expect(problems(input)).toContain(message);
  });

  it('reports a __proto__ name instead of dropping it', () => {
    const input = JSON.parse('{"description":"x","parameters":{"__proto__":{"type":"string"}},"env":{"__proto__":"x"}}');
    expect(problems(input)).toEqual([
      'parameters.__proto__: a parameter name is a letter then letters, digits, _ or -',
      'env.__proto__: a variable name is a letter then letters, digits or _',
    ]);
  });

  it.each([
    [{ n: { type: 'integer', default: 'many' } }, "parameters.n.default: the default is refused: Parameter n: expected an integer, got 'many'"],
    [{ n: { type: 'integer', min: 5, default: 1 } }, 'parameters.n.default: the default is refused: Parameter n: 1 is out of range [5, ∞]'],
    [{ s: { type: 'string', pattern: '^[a-z]+$', default: 'A' } }, "parameters.s.default: the default is refused: Parameter s: 'A' does not match ^[a-z]+$"],
    [{ s: { type: 'string', required: true, default: 'a' } }, 'parameters.s.default: a required parameter takes no default (make it optional, or drop the default)'],
    [{ s: { type: 'string', pattern: '([a-z' } }, 'parameters.s.pattern: not a valid regular expression'],
    [{ e: { type: 'enum' } }, 'parameters.e.values: an enum parameter needs its list of values'],
    [{ e: { type: 'enum', values: ['a', 'a'] } }, 'parameters.e.values: a value is listed twice'],
    [{ s: { type: 'string', values: ['a'] } }, 'parameters.s.values: values apply to enum parameters, not string'],
    [{ b: { type: 'boolean', pattern: 'x' } }, 'parameters.b.pattern: a pattern applies to string parameters, not boolean'],
    [{ s: { type: 'string', min: 1 } }, 'parameters.s.min: min applies to integer parameters, not string'],
    [{ n: { type: 'integer', min: 3, max: 2 } }, 'parameters.n.max: max 2 is below min 3'],
  ])('refuses the parameters %j', (parameters, message) => {
    const found = problems({ description: 'x', parameters });
    expect(found.some((problem) => problem.startsWith(message))).toBe(true);
  });
});
