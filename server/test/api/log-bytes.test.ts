import type { LogSlice } from '@taskomatic/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunnableTask } from '../../src/runner/task.js';
import { type ApiFixture, faultOf, FAULT_CODES, startApiFixture, waitForBunchRun } from './api-client.js';
import { resultProblems } from './conforms.js';
import { builtinTestTask } from '../support/test-tasks.js';

/**
 * logs.read and logs.tail with `encoding: 'base64'`: the exact bytes a task wrote, which a string cannot carry
 * (XML 1.0 has no ESC, no other C0 control but tab, newline and carriage return, and the text is UTF-8); and the
 * text answer unchanged for callers that do not ask.
 */

/** Colours, cursor moves, a title (OSC ended by BEL), C0 controls, bytes that are not UTF-8, and real UTF-8. */
const STDOUT = Buffer.concat([
  Buffer.from('\u001b[31mred\u001b[0m plain \u001b[1;38;5;208mbold orange\u001b[0m\r\n'),
  Buffer.from('\u001b]0;title\u0007 nul\u0000 soh\u0001 bs\u0008 vt\u000b ff\u000c us\u001f del\u007f\n'),
  Buffer.from([0x62, 0x61, 0x64, 0x20, 0xff, 0xfe, 0x20, 0xc3, 0x28, 0x20, 0x80, 0x20, 0xe2, 0x82, 0x20, 0xc0, 0xaf, 0x0a]),
  Buffer.from('caf\u00e9 \u20ac \u{1f600}\n'),
  // Ends inside a character: the log stops where the task did.
  Buffer.from([0xe2, 0x82]),
]);
const STDERR = Buffer.from('\u001b[33mwarning\u001b[0m\n');

/** A built-in task that writes `STDOUT` and `STDERR` as bytes, in pieces that cut characters and sequences. */
function bytesTask(): RunnableTask {
  return builtinTestTask('api-bytes', 'test task: writes control characters and bytes that are not UTF-8', async (execution) => {
    for (let at = 0; at < STDOUT.length; at += 7) execution.output.write('stdout', STDOUT.subarray(at, at + 7));
    execution.output.write('stderr', STDERR);
    return { exitCode: 0, signal: null, error: null };
  });
}

/** What a text answer holds: the bytes as UTF-8, with what XML cannot carry as U+FFFD. */
function asText(bytes: Buffer): string {
  return bytes.toString('utf8').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\uFFFD');
}

let fx: ApiFixture;
let runId: number;

beforeAll(async () => {
  fx = await startApiFixture({ extraTasks: [bytesTask()] });
  await fx.admin.call('bunches.create', { name: 'api-bytes-bunch', description: 'writes raw bytes', orgBunch: false, steps: [{ task: 'api-bytes' }] });
  const schedule = await fx.admin.call('schedules.create', { label: 'bytes', bunch: 'api-bytes-bunch', cron: '0 0 1 1 1 ? 2099', timeZone: 'UTC' });
  const { bunchRunId } = await fx.admin.call('schedules.runNow', { id: schedule.id });
  const run = await waitForBunchRun(fx.admin, bunchRunId);
  expect(run.status).toBe('FINISHED');
  runId = run.steps[0].id;
});
afterAll(async () => {
  await fx?.stop();
});

/** Calls a logs method and checks the answer against the contract. */
async function slice(method: 'logs.read' | 'logs.tail', request: Record<string, unknown>): Promise<LogSlice> {
  const answer = await fx.admin.call<LogSlice>(method, { runId, ...request });
  expect(resultProblems(method, answer)).toEqual([]);
  return answer;
}

describe('logs.read and logs.tail with encoding base64', () => {
  it('gives back every byte of the log: ESC, other C0 controls, bytes that are not UTF-8, a cut last character', async () => {
    const whole = await slice('logs.read', { offset: 0, length: 4096, encoding: 'base64' });
    expect(whole).toEqual({ offset: 0, data: '', dataBase64: new Uint8Array(STDOUT), bytes: STDOUT.length, size: STDOUT.length, droppedBytes: 0, complete: true });
    const stderr = await slice('logs.read', { stream: 'stderr', offset: 0, encoding: 'base64' });
    expect(Buffer.from(stderr.dataBase64 ?? [])).toEqual(STDERR);
  });

  it('cuts at the byte offsets asked for, inside a character or an escape sequence', async () => {
    const euro = STDOUT.indexOf(Buffer.from('\u20ac'));
    for (const [offset, length] of [
      [1, 3],
      [euro + 1, 5],
      [STDOUT.indexOf(0xff), 2],
      [STDOUT.length - 1, 10],
    ] as const) {
      const part = await slice('logs.read', { offset, length, encoding: 'base64' });
      const expected = STDOUT.subarray(offset, offset + length);
      expect(part).toMatchObject({ offset, data: '', bytes: expected.length });
      expect(Buffer.from(part.dataBase64 ?? [])).toEqual(expected);
    }
    const past = await slice('logs.read', { offset: STDOUT.length + 5, encoding: 'base64' });
    expect(past).toMatchObject({ offset: STDOUT.length, bytes: 0, data: '' });
    expect(past.dataBase64).toEqual(new Uint8Array(0));
  });

  it('tails the exact last bytes', async () => {
    const tail = await slice('logs.tail', { bytes: 30, encoding: 'base64' });
    expect(tail).toMatchObject({ offset: STDOUT.length - 30, data: '', bytes: 30, size: STDOUT.length, complete: true });
    expect(Buffer.from(tail.dataBase64 ?? [])).toEqual(STDOUT.subarray(-30));
  });
});

describe('logs.read and logs.tail as text', () => {
  it('answers text as before, by default and when asked: U+FFFD for what XML or UTF-8 cannot carry, no bytes', async () => {
    for (const encoding of [undefined, 'text']) {
      const whole = await slice('logs.read', { offset: 0, length: 4096, ...(encoding ? { encoding } : {}) });
      expect(whole).toEqual({ offset: 0, data: asText(STDOUT), bytes: STDOUT.length, size: STDOUT.length, droppedBytes: 0, complete: true });
      expect(whole.data.startsWith('\uFFFD[31mred\uFFFD[0m plain')).toBe(true);
      const tail = await slice('logs.tail', { bytes: 20, ...(encoding ? { encoding } : {}) });
      expect(tail).toMatchObject({ offset: STDOUT.length - 20, data: asText(STDOUT.subarray(-20)), bytes: 20 });
      expect(tail.dataBase64).toBeUndefined();
    }
  });

  it('refuses an encoding it does not know', async () => {
    const fault = await faultOf(fx.admin.call('logs.read', { runId, offset: 0, encoding: 'hex' }));
    expect(fault.faultCode).toBe(FAULT_CODES.INVALID_PARAMS);
    expect(fault.faultString).toMatch(/encoding/);
  });
});
