import { EventEmitter } from 'node:events';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  fixture,
  isGone,
  OutputRecorder,
  waitUntilGone,
  zombieChildren,
} from '../../../test/fixtures/commands/command-test-helpers.js';
import { systemClock } from '../../engine/clock.js';
import { FakeClock } from '../../engine/fake-clock.js';
import { runProcess, type ProcessOptions } from './process-runner.js';

const scratch = mkdtempSync(join(tmpdir(), 'taskomatic-runner-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs a program with test defaults; returns the result promise, the output and the abort controller. */
function start(executable: string, args: ReadonlyArray<string>, extra: Partial<ProcessOptions> = {}) {
  const output = new OutputRecorder();
  const controller = new AbortController();
  const options: ProcessOptions = {
    executable,
    args,
    output,
    signal: controller.signal,
    killGraceMs: 5_000,
    clock: systemClock,
    ...extra,
  };
  return { result: runProcess(options), output, controller };
}

describe('runProcess', () => {
  it('reports the exit code and both streams', async () => {
    const { result, output } = start('/bin/sh', [fixture('exit-with.sh'), '3']);
    expect(await result).toMatchObject({ exitCode: 3, signal: null, error: null, pid: expect.any(Number) });
    expect(output.text('stdout')).toBe('to stdout\n');
    expect(output.text('stderr')).toBe('to stderr\n');
    expect((await start('/bin/sh', [fixture('exit-with.sh'), '0']).result).exitCode).toBe(0);
  });

  it('streams output while the program is still running', async () => {
    const { result, output, controller } = start('/bin/sh', [fixture('print-then-wait.sh')]);
    let ended = false;
    void result.then(() => (ended = true));
    await output.waitFor('stdout', /first chunk\n/);
    expect(ended).toBe(false);
    controller.abort('cancel');
    expect(await result).toMatchObject({ exitCode: null, signal: 'SIGTERM' });
    expect(output.text('stdout')).toBe('first chunk\n');
  });

  it('stops the whole process group on abort, grandchildren included', async () => {
    const { result, output, controller } = start('/bin/sh', [fixture('grandchild.sh')]);
    const grandchild = Number((await output.waitFor('stdout', /grandchild (\d+)/))[1]);
    expect(isGone(grandchild)).toBe(false);
    controller.abort('timeout');
    expect(await result).toMatchObject({ signal: 'SIGTERM' });
    expect(await waitUntilGone(grandchild)).toBe(true);
  });

  it('sends SIGKILL after the grace period to a program that ignores SIGTERM', async () => {
    const { result, output, controller } = start(process.execPath, [fixture('ignore-term.mjs')], { killGraceMs: 300 });
    await output.waitFor('stdout', /ready/);
    const stoppedAt = Date.now();
    controller.abort('cancel');
    expect(await result).toMatchObject({ exitCode: null, signal: 'SIGKILL' });
    expect(Date.now() - stoppedAt).toBeGreaterThanOrEqual(290);
    expect(output.text('stdout')).toContain('ignoring SIGTERM');
  });

  it('stops what the program left behind, so the run ends when the program does', async () => {
    const startedAt = Date.now();
    const { result, output } = start('/bin/sh', [fixture('stray-child.sh')]);
    expect(await result).toMatchObject({ exitCode: 0, error: null });
    expect(Date.now() - startedAt).toBeLessThan(1_500);
    const stray = Number(output.text('stdout').match(/stray (\d+)/)?.[1]);
    expect(await waitUntilGone(stray)).toBe(true);
  });

  it('ends a bounded time after the exit even when a leftover ignores SIGTERM and holds the pipes', async () => {
    const startedAt = Date.now();
    const { result, output } = start('/bin/sh', [fixture('stray-child.sh')], { env: { TERM_IGNORED: '1' } });
    expect(await result).toMatchObject({ exitCode: 0, error: null });
    const elapsed = Date.now() - startedAt;
    expect(elapsed).toBeGreaterThanOrEqual(1_900); // waited for the pipes...
    expect(elapsed).toBeLessThan(4_000); // ...but not for the leftover's 30 s
    const stray = Number(output.text('stdout').match(/stray (\d+)/)?.[1]);
    expect(await waitUntilGone(stray)).toBe(true);
  });

  it('times the grace period with the injected clock', async () => {
    const clock = new FakeClock(0);
    const { result, output, controller } = start(process.execPath, [fixture('ignore-term.mjs')], {
      killGraceMs: 60_000, // longer than the test's timeout: only the fake clock can make it pass
      clock,
    });
    await output.waitFor('stdout', /ready/);
    controller.abort('cancel');
    await output.waitFor('stdout', /ignoring SIGTERM/);
    await clock.advance(59_999);
    expect(await Promise.race([result, 'running'])).toBe('running');
    await clock.advance(1);
    expect(await result).toMatchObject({ signal: 'SIGKILL' });
  });

  it('passes arguments verbatim, without a shell', async () => {
    const tricky = ['a b', '"quoted"', "'single'", '$(touch /tmp/pwned)', 'a;b', '`id`', '*', '$HOME', '', 'ü 🚀', '-x'];
    const { result, output } = start(process.execPath, [fixture('print-args.mjs'), ...tricky]);
    expect((await result).exitCode).toBe(0);
    expect(JSON.parse(output.text('stdout'))).toEqual(tricky);
  });

  it('gives a minimal environment, the task variables and the working directory', async () => {
    process.env['TASKOMATIC_TEST_SECRET'] = 'do not pass on';
    try {
      const { result, output } = start(process.execPath, [fixture('print-env.mjs')], {
        env: { EXTRA: 'yes' },
        cwd: scratch,
        serverEnv: { PATH: '/usr/bin:/bin', HOME: '/home/taskomatic', TZ: 'Europe/Prague', SECRET: 'no' },
      });
      expect((await result).exitCode).toBe(0);
      const seen = JSON.parse(output.text('stdout')) as { env: Record<string, string>; cwd: string };
      expect(seen.env).toEqual({
        PATH: '/usr/bin:/bin',
        LANG: 'C.UTF-8',
        HOME: '/home/taskomatic',
        TZ: 'Europe/Prague',
        EXTRA: 'yes',
      });
      expect(seen.cwd).toBe(scratch);
    } finally {
      delete process.env['TASKOMATIC_TEST_SECRET'];
    }
  });

  it('delivers big output completely and in order', async () => {
    const lines = 200_000; // 20 MB
    const { result, output } = start(process.execPath, [fixture('big-output.mjs'), String(lines)]);
    expect((await result).exitCode).toBe(0);
    const received = output.bytes('stdout');
    expect(received.length).toBe(lines * 100);
    let expected = '';
    for (let i = 0; i < lines; i++) expected += `${String(i).padStart(9, '0')} ${'x'.repeat(89)}\n`;
    expect(received.equals(Buffer.from(expected))).toBe(true);
  });

  it('explains in words why a program could not start', async () => {
    const notExecutable = join(scratch, 'plain-file');
    writeFileSync(notExecutable, 'echo hi\n');
    chmodSync(notExecutable, 0o644);
    const noInterpreter = join(scratch, 'no-interpreter');
    writeFileSync(noInterpreter, '#!/nonexistent/interpreter\n');
    chmodSync(noInterpreter, 0o755);
    const cases: Array<[string, Partial<ProcessOptions>, string]> = [
      ['/nonexistent/program', {}, 'executable /nonexistent/program does not exist'],
      [notExecutable, {}, `executable ${notExecutable} is not executable`],
      [scratch, {}, `executable ${scratch} is a directory`],
      [`${notExecutable}/below`, {}, `executable ${notExecutable}/below does not exist`],
      ['/bin/sh', { cwd: '/nonexistent/dir' }, 'working directory /nonexistent/dir does not exist'],
      [
        noInterpreter,
        {},
        `executable ${noInterpreter} exists but could not be started: its interpreter (#! line) or loader is missing`,
      ],
    ];
    for (const [executable, extra, error] of cases) {
      expect(await start(executable, [], extra).result).toEqual({ exitCode: null, signal: null, error, pid: null });
    }
  });

  it('resolves instead of throwing when spawn throws', async () => {
    const { result } = start('/bin/sh', ['nul\0byte']);
    expect(await result).toMatchObject({
      exitCode: null,
      pid: null,
      error: expect.stringMatching(/^executable \/bin\/sh could not be started: /),
    });
  });

  it('does not start when the run was already stopped', async () => {
    const controller = new AbortController();
    controller.abort('cancel');
    const output = new OutputRecorder();
    const args = [fixture('exit-with.sh'), '0'];
    const result = await runProcess({ executable: '/bin/sh', args, output, signal: controller.signal, killGraceMs: 0, clock: systemClock });
    expect(result).toMatchObject({ pid: null, error: expect.stringContaining('stopped before it began') });
    expect(output.chunks).toEqual([]);
  });

  it('leaves no zombie behind', async () => {
    await start('/bin/sh', [fixture('exit-with.sh'), '0']).result;
    expect(zombieChildren()).toEqual([]);
  });

  it('leaves no listener on the signal', async () => {
    const { result, controller } = start('/bin/sh', [fixture('exit-with.sh'), '0']);
    await result;
    expect(EventEmitter.getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});
