import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { OutputRecorder } from '../../test/fixtures/commands/command-test-helpers.js';
import { systemClock } from '../engine/clock.js';
import { validateParams } from '../runner/params/validate-params.js';
import { createCommandTask } from '../runner/command/command-task.js';
import { toTaskParameters } from '../runner/command/command-task-config.js';
import { DEFAULT_COMMAND_TASKS } from '../runner/command/default-command-tasks.js';
import { runProcess } from '../runner/command/process-runner.js';
import { simulatorPath, type SimulatorName } from './simulators.js';

// Tests run from the TypeScript sources, but Node 20 runs only the compiled simulators: use the build's.
const compiled = fileURLToPath(new URL('../../dist/demo/', import.meta.url));
const built = existsSync(join(compiled, 'repo-sync-simulator.js'));
const FAST = { TASKOMATIC_SIMULATOR_SPEED: '50' };

/** Runs a compiled simulator fast; returns how it ended and what it wrote. */
async function simulate(name: SimulatorName, args: ReadonlyArray<string>, abortOn?: RegExp) {
  const output = new OutputRecorder();
  const controller = new AbortController();
  const result = runProcess({
    executable: process.execPath,
    args: [join(compiled, `${name}-simulator.js`), ...args],
    env: FAST,
    output,
    signal: controller.signal,
    killGraceMs: 2_000,
    clock: systemClock,
  });
  if (abortOn) {
    await output.waitFor('stdout', abortOn);
    controller.abort('cancel');
  }
  const { exitCode } = await result;
  return { exitCode, stdout: output.text('stdout'), stderr: output.text('stderr') };
}

describe('simulatorPath', () => {
  it('points at the compiled script beside the module', () => {
    expect(simulatorPath('repo-sync')).toBe(join(dirname(fileURLToPath(import.meta.url)), 'repo-sync-simulator.js'));
    expect(simulatorPath('satellite-sync').endsWith('/satellite-sync-simulator.js')).toBe(true);
  });
});

describe.skipIf(!built)(built ? 'demo simulators' : 'demo simulators (SKIPPED: no server/dist/demo/, run npx tsc -b)', () => {
  it('simulates a repo sync', async () => {
    const run = await simulate('repo-sync', ['--channel', 'sles15-sp5-updates']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/Packages in repo: +\d+/);
    expect(run.stdout).toMatch(/\d+\/\d+ : \S+\.rpm/);
    expect(run.stdout).toContain('Syncing');
    expect(run.stdout).toContain('Repo sync finished.');
    expect(run.stderr).toContain('WARNING');
  });

  it('fails a repo sync of the broken channel, or when asked to, after some output', async () => {
    const broken = await simulate('repo-sync', ['--channel', 'broken']);
    expect(broken).toMatchObject({ exitCode: 1, stderr: expect.stringContaining('HTTP 404 Not Found') });
    expect(broken.stdout).toContain('Repo URL');
    const failed = await simulate('repo-sync', ['--channel', 'x', '--fail', '--no-errata']);
    expect(failed).toMatchObject({ exitCode: 1, stderr: expect.stringContaining('simulated failure') });
  });

  it('refuses bad arguments with exit code 2', async () => {
    expect((await simulate('repo-sync', [])).exitCode).toBe(2);
    expect(await simulate('repo-sync', ['--channel', 'x', '--bogus'])).toMatchObject({
      exitCode: 2,
      stderr: expect.stringContaining('usage: repo-sync-simulator'),
    });
  });

  it('says why it stops when cancelled', async () => {
    const run = await simulate('repo-sync', ['--channel', 'x', '--speed', '1'], /Sync of channel started/);
    expect(run).toMatchObject({ exitCode: 143, stderr: expect.stringContaining('Received SIGTERM') });
  });

  it('simulates a satellite sync, a dry run and a refused channel', async () => {
    const full = await simulate('satellite-sync', []);
    expect(full).toMatchObject({ exitCode: 0, stdout: expect.stringContaining('Import complete') });
    const dry = await simulate('satellite-sync', ['--channel=rhel-x86_64-server-7', '--dry-run']);
    expect(dry).toMatchObject({ exitCode: 0, stdout: expect.stringContaining('Dry run:') });
    const broken = await simulate('satellite-sync', ['--channel=broken']);
    expect(broken).toMatchObject({ exitCode: 1, stderr: expect.stringContaining('do not exist or are not available') });
  });

  it('runs as the default repo-sync task pointed at the simulator, as demo mode does', async () => {
    const defaults = DEFAULT_COMMAND_TASKS['repo-sync']!;
    const script = join(compiled, 'repo-sync-simulator.js');
    const config = { ...defaults, executable: process.execPath, args: [script, ...defaults.args], env: FAST };
    const task = createCommandTask('repo-sync', config);
    const output = new OutputRecorder();
    const result = await task.run({
      taskRunId: 1,
      params: validateParams(toTaskParameters(config), { channel: 'demo-channel', 'no-errata': 'true' }),
      orgId: 1,
      output,
      signal: new AbortController().signal,
      clock: systemClock,
    });
    expect(result).toEqual({ exitCode: 0, signal: null, error: null });
    expect(output.text('stdout')).toContain('Errata import skipped (--no-errata)');
  });
});
