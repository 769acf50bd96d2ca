import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects.js';
import { readLog } from '../../src/logs/log-reader.js';
import { ParameterError } from '../../src/runner/params/validate-params.js';
import { commandFixture, integrationFixture, waitFor } from './helpers/poll.js';
import { isGoneOrZombie, liveGroupMembers, liveProcessesWithArg } from './helpers/processes.js';
import {
  bunchRuns,
  type IntegrationServer,
  onlyTaskRun,
  oneStepBunch,
  runNow,
  startIntegrationServer,
  taskRuns,
  waitForBunchRunEnd,
  waitForTaskStatus,
} from './helpers/integration-server.js';

/**
 * Command tasks defined in a configuration file, run by the real engine as real child processes (system clock,
 * a SQLite file or a PostgreSQL database). What the engine's own tests cover with gate tasks and a fake clock is
 * checked here end to end: output streaming, exit codes, cancel and timeout of a process group, unavailable
 * executables, postponing a task that is not parallelizable, and arguments passed without a shell.
 */
describe.each(DIALECTS)('command tasks as real processes (%s)', (dialect) => {
  const scratch = mkdtempSync(join(tmpdir(), 'taskomatic-command-runs-'));
  const notExecutable = join(scratch, 'not-executable.sh');
  const vanishing = join(scratch, 'vanishing.sh');
  const probeFile = join(scratch, 'serial-probe.txt');
  let it_: IntegrationServer;
  const bunch: Record<string, number> = {};

  const q = (text: string) => JSON.stringify(text); // a YAML scalar that holds any path as it is

  beforeAll(async () => {
    writeFileSync(notExecutable, '#!/bin/sh\necho never\n');
    chmodSync(notExecutable, 0o644);
    writeFileSync(vanishing, '#!/bin/sh\necho present\n');
    chmodSync(vanishing, 0o755);
    const yaml = `
tasks:
  streamer:
    description: Prints, waits until a file exists, prints again
    executable: /bin/sh
    args: [${q(integrationFixture('wait-for-file.sh'))}, '{gate}']
    parameters:
      gate: { type: string, required: true, pattern: '/.*' }
  exit-with:
    description: Exits with the code it is given
    executable: /bin/sh
    args: [${q(commandFixture('exit-with.sh'))}, '{code}']
    parameters:
      code: { type: integer, required: true, min: 0, max: 255 }
  family:
    description: Starts a grandchild and waits
    executable: /bin/sh
    args: [${q(integrationFixture('family.sh'))}]
    killGrace: 5s
  slow:
    description: Prints, then sleeps far longer than its timeout
    executable: /bin/sh
    args: [${q(commandFixture('print-then-wait.sh'))}]
    timeout: 700ms
    killGrace: 5s
  stubborn:
    description: Ignores SIGTERM
    executable: ${q(process.execPath)}
    args: [${q(commandFixture('ignore-term.mjs'))}]
    timeout: 500ms
    killGrace: 300ms
  ghost:
    description: Points at a program that does not exist
    executable: /nonexistent/ghost-tool
  not-executable:
    description: Points at a file without execute permission
    executable: ${q(notExecutable)}
  vanishing:
    description: Its program is removed after the server started
    executable: ${q(vanishing)}
  serial:
    description: Records when it runs; never two at once
    executable: ${q(process.execPath)}
    args: [${q(integrationFixture('exclusive-probe.mjs'))}, ${q(probeFile)}, '400']
    parallelizable: false
  echo-args:
    description: Prints its argument list as JSON
    executable: ${q(process.execPath)}
    args: [${q(commandFixture('print-args.mjs'))}, '--channel={channel}', '{value}']
    parameters:
      channel: { type: string, pattern: '^[a-z0-9][a-z0-9._-]*$' }
      value: { type: string }
`;
    it_ = await startIntegrationServer(yaml, dialect);
    for (const task of ['streamer', 'exit-with', 'family', 'slow', 'stubborn', 'ghost', 'not-executable', 'vanishing', 'serial', 'echo-args']) {
      bunch[task] = await oneStepBunch(it_.server, task);
    }
  });

  afterAll(async () => {
    await it_?.dispose();
    rmSync(scratch, { recursive: true, force: true });
  });

  const db = () => it_.server.database.db;
  const text = async (taskRunId: number, stream: 'stdout' | 'stderr') =>
    (await readLog(db(), taskRunId, stream, 0, 1 << 20)).data.toString('utf8');
  const idOf = (task: string): number => {
    const id = bunch[task];
    if (id === undefined) throw new Error(`no bunch for ${task}`);
    return id;
  };

  it('streams output into the log while the command runs, then records FINISHED with exit code 0', async () => {
    const gate = join(scratch, 'gate-1');
    const runId = await runNow(it_.server, idOf('streamer'), { gate });
    const running = await waitForTaskStatus(it_.server, runId, 'RUNNING');
    // The first line is readable while the process still waits for the gate: the log is not buffered to exit.
    await waitFor(async () => (await text(running.id, 'stdout')) === 'first line\n', 'the first line in the log');
    expect(await text(running.id, 'stderr')).toBe('a warning\n');
    expect((await onlyTaskRun(it_.server, runId)).status).toBe('RUNNING');
    writeFileSync(gate, '');
    const ended = await waitForBunchRunEnd(it_.server, runId);
    const [step] = await taskRuns(it_.server, runId);
    expect(ended.status).toBe('FINISHED');
    expect(step).toMatchObject({ status: 'FINISHED', exit_code: 0, status_reason: null, stdout_bytes: 23, stderr_bytes: 10 });
    expect(await text(running.id, 'stdout')).toBe('first line\nsecond line\n');
    expect(step?.started_at).not.toBeNull();
    expect(Number(step?.ended_at)).toBeGreaterThanOrEqual(Number(step?.started_at));
  });

  it('records a non-zero exit as FAILED with "exit code N", output kept', async () => {
    const runId = await runNow(it_.server, idOf('exit-with'), { code: 3 });
    const ended = await waitForBunchRunEnd(it_.server, runId);
    const [step] = await taskRuns(it_.server, runId);
    expect(step).toMatchObject({ status: 'FAILED', status_reason: 'exit code 3', exit_code: 3 });
    expect(ended).toMatchObject({ status: 'FAILED', status_reason: 'step 1 (exit-with) FAILED: exit code 3' });
    expect(await text(Number(step?.id), 'stdout')).toBe('to stdout\n');
    expect(await text(Number(step?.id), 'stderr')).toBe('to stderr\n');
  });

  it('cancels a running command: CANCELLED, and its whole process group is gone, grandchild included', async () => {
    const runId = await runNow(it_.server, idOf('family'));
    const step = await waitForTaskStatus(it_.server, runId, 'RUNNING');
    const line = await waitFor(async () => /pids (\d+) (\d+)/.exec(await text(step.id, 'stdout')) ?? undefined, 'the pids line');
    const [child, grandchild] = [Number(line[1]), Number(line[2])];
    // The command leads its own process group (it was started detached), and the grandchild is in it.
    expect(liveGroupMembers(child).map((p) => p.pid).sort()).toEqual([child, grandchild].sort());
    expect(await it_.server.engine.cancel(runId, 'tester')).toBe('cancelling');
    const ended = await waitForBunchRunEnd(it_.server, runId);
    expect(ended).toMatchObject({ status: 'CANCELLED', status_reason: 'cancelled by tester' });
    const [after] = await taskRuns(it_.server, runId);
    expect(after).toMatchObject({ status: 'CANCELLED', status_reason: 'cancelled by tester (ended by SIGTERM)' });
    await waitFor(() => liveGroupMembers(child).length === 0, 'the process group to be gone', { timeoutMs: 3_000 });
    expect(isGoneOrZombie(child)).toBe(true);
    expect(isGoneOrZombie(grandchild)).toBe(true);
    // A second cancel of an ended run says so and changes nothing.
    expect(await it_.server.engine.cancel(runId, 'tester')).toBe('already-ended');
  });

  it('times out a real child after the configured timeout: TIMED_OUT with the reason, group gone', async () => {
    const runId = await runNow(it_.server, idOf('slow'));
    const step = await waitForTaskStatus(it_.server, runId, 'RUNNING');
    await waitFor(async () => (await text(step.id, 'stdout')).includes('first chunk'), 'the first chunk');
    // Only our own children: other test files may run the same fixture at the same time.
    const [shell] = liveProcessesWithArg(commandFixture('print-then-wait.sh')).filter((p) => p.ppid === process.pid);
    expect(shell, 'the command process').toBeDefined();
    const group = Number(shell?.pgid);
    expect(group).toBe(shell?.pid);
    expect(liveGroupMembers(group).length).toBe(2); // sh and its sleep
    const ended = await waitForBunchRunEnd(it_.server, runId, 5_000);
    const [after] = await taskRuns(it_.server, runId);
    expect(after).toMatchObject({ status: 'TIMED_OUT', status_reason: 'timed out after 700 ms (ended by SIGTERM)', exit_code: null });
    expect(ended.status).toBe('FAILED');
    expect(Number(after?.ended_at) - Number(after?.started_at)).toBeGreaterThanOrEqual(700);
    expect(Number(after?.ended_at) - Number(after?.started_at)).toBeLessThan(4_000);
    expect(await text(step.id, 'stdout')).toBe('first chunk\n');
    await waitFor(() => liveGroupMembers(group).length === 0, 'the timed-out group to be gone', { timeoutMs: 3_000 });
  });

  it('kills a child that ignores SIGTERM after the kill grace, and still records TIMED_OUT', async () => {
    const runId = await runNow(it_.server, idOf('stubborn'));
    const step = await waitForTaskStatus(it_.server, runId, 'RUNNING');
    await waitFor(async () => (await text(step.id, 'stdout')).includes('ready'), 'the program to be ready');
    const [node] = liveProcessesWithArg(commandFixture('ignore-term.mjs')).filter((p) => p.ppid === process.pid);
    expect(node, 'the command process').toBeDefined();
    await waitForBunchRunEnd(it_.server, runId, 5_000);
    const [after] = await taskRuns(it_.server, runId);
    expect(after).toMatchObject({ status: 'TIMED_OUT', status_reason: 'timed out after 500 ms (ended by SIGKILL)' });
    // It was told to stop (SIGTERM) and said so before the SIGKILL came.
    expect(await text(step.id, 'stdout')).toBe('ready\nignoring SIGTERM\n');
    expect(Number(after?.ended_at) - Number(after?.started_at)).toBeGreaterThanOrEqual(800);
    expect(isGoneOrZombie(Number(node?.pid))).toBe(true);
  });

  it('lists a missing or non-executable program as unavailable with the reason, fails its runs, and runs the rest', async () => {
    const { catalog } = it_.server;
    expect(catalog.get('ghost')).toMatchObject({ available: false, unavailableReason: 'executable /nonexistent/ghost-tool does not exist' });
    expect(catalog.get('not-executable')).toMatchObject({
      available: false,
      unavailableReason: `executable ${notExecutable} is not executable by this server's user`,
    });
    expect(catalog.get('echo-args')).toMatchObject({ available: true, unavailableReason: null });
    // The server said so in its own log when it started.
    const warned = it_.log.filter((l) => l.level === 'warn' && l.msg === 'task unavailable').map((l) => l['task']);
    expect(warned).toEqual(expect.arrayContaining(['ghost', 'not-executable']));

    const ghost = await runNow(it_.server, idOf('ghost'));
    const noExec = await runNow(it_.server, idOf('not-executable'));
    const fine = await runNow(it_.server, idOf('exit-with'), { code: 0 });
    for (const [runId, reason] of [
      [ghost, 'task ghost is unavailable: executable /nonexistent/ghost-tool does not exist'],
      [noExec, `task not-executable is unavailable: executable ${notExecutable} is not executable by this server's user`],
    ] as const) {
      expect(await waitForBunchRunEnd(it_.server, runId)).toMatchObject({ status: 'FAILED' });
      expect((await taskRuns(it_.server, runId))[0]).toMatchObject({ status: 'FAILED', status_reason: reason, started_at: null });
    }
    expect(await waitForBunchRunEnd(it_.server, fine)).toMatchObject({ status: 'FINISHED' });
  });

  it('fails a run whose program vanished after the start, with the reason, and keeps running others', async () => {
    expect(it_.server.catalog.get('vanishing')?.available).toBe(true);
    rmSync(vanishing);
    const gone = await runNow(it_.server, idOf('vanishing'));
    const fine = await runNow(it_.server, idOf('exit-with'), { code: 0 });
    expect(await waitForBunchRunEnd(it_.server, gone)).toMatchObject({ status: 'FAILED' });
    expect((await taskRuns(it_.server, gone))[0]).toMatchObject({
      status: 'FAILED',
      status_reason: `executable ${vanishing} does not exist`,
      exit_code: null,
    });
    expect(await waitForBunchRunEnd(it_.server, fine)).toMatchObject({ status: 'FINISHED' });
  });

  it('postpones a second run of a non-parallelizable command until the first ends; the processes never overlap', async () => {
    const first = await runNow(it_.server, idOf('serial'));
    const second = await runNow(it_.server, idOf('serial'));
    const waiting = await waitForTaskStatus(it_.server, second, 'POSTPONED');
    expect(waiting.status_reason).toBe('waiting for serial to free up (1 running)');
    expect((await onlyTaskRun(it_.server, first)).status).toBe('RUNNING');
    expect((await bunchRuns(it_.server)).find((r) => r.id === second)?.status).toBe('POSTPONED');
    await waitForBunchRunEnd(it_.server, first);
    await waitForBunchRunEnd(it_.server, second);
    const [a] = await taskRuns(it_.server, first);
    const [b] = await taskRuns(it_.server, second);
    expect(a?.status).toBe('FINISHED');
    expect(b?.status).toBe('FINISHED');
    // Recorded times: the second started once the first had ended.
    expect(Number(b?.started_at)).toBeGreaterThanOrEqual(Number(a?.ended_at));
    // The processes' own times: start, end, start, end, never interleaved.
    const events = readFileSync(probeFile, 'utf8').trim().split('\n').map((l) => l.split(' '));
    expect(events.map((e) => e[0])).toEqual(['start', 'end', 'start', 'end']);
    expect(events[0]?.[1]).toBe(events[1]?.[1]);
    expect(events[2]?.[1]).toBe(events[3]?.[1]);
    expect(Number(events[2]?.[2])).toBeGreaterThanOrEqual(Number(events[1]?.[2]));
  });

  it('passes parameter values as argv elements verbatim: no shell, one argument each', async () => {
    const value = `a b; $(rm -rf /) "q" 'q' | & \`id\` * ~ {x}`;
    const runId = await runNow(it_.server, idOf('echo-args'), { channel: 'base-channel', value });
    expect(await waitForBunchRunEnd(it_.server, runId)).toMatchObject({ status: 'FINISHED' });
    const [step] = await taskRuns(it_.server, runId);
    expect(JSON.parse(await text(Number(step?.id), 'stdout'))).toEqual(['--channel=base-channel', value]);
    // An optional parameter without a value drops its whole argument instead of passing an empty one.
    const bare = await runNow(it_.server, idOf('echo-args'), { value: 'x' });
    await waitForBunchRunEnd(it_.server, bare);
    const [bareStep] = await taskRuns(it_.server, bare);
    expect(JSON.parse(await text(Number(bareStep?.id), 'stdout'))).toEqual(['x']);
  });

  it('refuses, before anything is stored, values that fail their pattern, look like options or hold control characters', async () => {
    const before = await bunchRuns(it_.server);
    const refused: Array<[Record<string, unknown>, string]> = [
      [{ channel: 'base; rm -rf /' }, `Parameter channel: 'base; rm -rf /' does not match ^[a-z0-9][a-z0-9._-]*$ (task echo-args of bunch echo-args-bunch)`],
      [{ value: '--output=/etc/passwd' }, `Parameter value: '--output=/etc/passwd' starts with '-' and could be taken for an option`],
      [{ value: 'two\nlines' }, 'Parameter value: '],
      [{ chanel: 'typo' }, 'Parameter chanel: unknown parameter for bunch echo-args-bunch (known: channel, value)'],
    ];
    for (const [params, message] of refused) {
      const attempt = runNow(it_.server, idOf('echo-args'), params);
      await expect(attempt).rejects.toBeInstanceOf(ParameterError);
      await expect(attempt).rejects.toThrow(message);
    }
    await expect(runNow(it_.server, idOf('echo-args'), { value: 'two\nlines' })).rejects.toThrow(/contains a control character/);
    expect(await bunchRuns(it_.server)).toEqual(before);
  });
});
