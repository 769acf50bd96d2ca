import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture, OutputRecorder } from '../../../test/fixtures/commands/command-test-helpers.js';
import { systemClock } from '../../engine/clock.js';
import { validateParams } from '../params/validate-params.js';
import type { TaskExecution } from '../task.js';
import { commandTaskSchema } from './command-task-config.js';
import { checkAvailability, createCommandTask } from './command-task.js';

const scratch = mkdtempSync(join(tmpdir(), 'taskomatic-command-task-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** An execution of `params` with a fresh output and abort controller. */
function execution(params: Record<string, unknown>, declared = task.parameters) {
  const output = new OutputRecorder();
  const controller = new AbortController();
  const run: TaskExecution = {
    taskRunId: 1,
    params: validateParams(declared, params),
    orgId: null,
    output,
    signal: controller.signal,
    clock: systemClock,
  };
  return { run, output, controller };
}

const task = createCommandTask(
  'echo-args',
  commandTaskSchema.parse({
    description: 'Prints its arguments',
    executable: process.execPath,
    args: [fixture('print-args.mjs'), '--channel={channel}', '{verbose?-v}', '{count}'],
    parameters: {
      channel: { type: 'string', pattern: '[a-z ;$()]+' },
      verbose: { type: 'boolean', default: false },
      count: { type: 'integer', default: 1 },
    },
    parallelizable: false,
    timeout: '5m',
    scope: 'org',
  }),
);

describe('createCommandTask', () => {
  it('lists the task as the catalog shows it', () => {
    expect(task).toMatchObject({
      name: 'echo-args',
      description: 'Prints its arguments',
      kind: 'command',
      parallelizable: false,
      maxParallel: 1,
      timeoutMs: 300_000,
      scope: 'org',
      available: true,
      unavailableReason: null,
    });
    expect(task.parameters.map((p) => p.name)).toEqual(['channel', 'verbose', 'count']);
  });

  it('renders the arguments and runs the program', async () => {
    const { run, output } = execution({ channel: 'a b; $(x)', verbose: 'yes', count: '3' });
    expect(await task.run(run)).toEqual({ exitCode: 0, signal: null, error: null });
    expect(JSON.parse(output.text('stdout'))).toEqual(['--channel=a b; $(x)', '-v', '3']);
  });

  it('drops the arguments of parameters without value', async () => {
    const { run, output } = execution({});
    await task.run(run);
    expect(JSON.parse(output.text('stdout'))).toEqual(['1']);
  });

  it('stops the program when the run is aborted', async () => {
    const waiting = createCommandTask(
      'wait',
      commandTaskSchema.parse({ description: 'Waits', executable: '/bin/sh', args: [fixture('print-then-wait.sh')] }),
    );
    const { run, output, controller } = execution({}, []);
    const result = waiting.run(run);
    await output.waitFor('stdout', /first chunk/);
    controller.abort('cancel');
    expect(await result).toEqual({ exitCode: null, signal: 'SIGTERM', error: null });
  });

  it('is unavailable, with the reason, when no executable is configured', async () => {
    const unset = createCommandTask('errata-cache', commandTaskSchema.parse({ description: 'Caches' }));
    const reason = 'no executable configured; set tasks.errata-cache.executable in the configuration';
    expect(unset).toMatchObject({ available: false, unavailableReason: reason });
    expect(await unset.run(execution({}, []).run)).toEqual({ exitCode: null, signal: null, error: reason });
  });

  it('counts maxParallel only for parallelizable tasks', () => {
    const config = commandTaskSchema.parse({ description: 'x', executable: '/bin/sh', maxParallel: 3 });
    expect(createCommandTask('a', config).maxParallel).toBe(3);
    expect(createCommandTask('b', { ...config, maxParallel: undefined }).maxParallel).toBeNull();
  });
});

describe('checkAvailability', () => {
  it('explains why a program cannot run', () => {
    const plain = join(scratch, 'plain');
    writeFileSync(plain, '#!/bin/sh\n');
    chmodSync(plain, 0o644);
    expect(checkAvailability(process.execPath)).toEqual({ available: true, unavailableReason: null });
    expect(checkAvailability('/nonexistent/tool').unavailableReason).toBe('executable /nonexistent/tool does not exist');
    expect(checkAvailability(`${plain}/x`).unavailableReason).toBe(`executable ${plain}/x does not exist`);
    expect(checkAvailability(scratch).unavailableReason).toBe(`executable ${scratch} is a directory`);
    expect(checkAvailability(plain).unavailableReason).toBe(`executable ${plain} is not executable by this server's user`);
    expect(checkAvailability(null, 'package-cleanup').unavailableReason).toBe(
      'no executable configured; set tasks.package-cleanup.executable in the configuration',
    );
  });
});
