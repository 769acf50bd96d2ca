import { describe, expect, it } from 'vitest';
import { INVOKE_CHANNELS, IpcError, type InvokeHandlers } from '@taskomatic/shared/ipc';
import { dispatch } from './dispatch.js';

/** Handlers that each run `answer` with the channel and its arguments. */
function handlersAnswering(answer: (channel: string, args: unknown[]) => Promise<unknown>): InvokeHandlers {
  return Object.fromEntries(INVOKE_CHANNELS.map((channel) => [channel, (...args: unknown[]) => answer(channel, args)])) as unknown as InvokeHandlers;
}

describe('dispatching a request from the renderer', () => {
  it('runs the channel handler with the arguments and wraps its answer', async () => {
    const logged: unknown[] = [];
    const handlers = handlersAnswering(async (channel, args) => ({ channel, args }));
    expect(await dispatch(handlers, 'satellites:login', ['a', 'pw'], (...entry) => logged.push(entry))).toEqual({ ok: true, value: { channel: 'satellites:login', args: ['a', 'pw'] } });
    expect(logged).toEqual([]);
  });

  it('answers unknown channels and arguments that are not a list as invalid, without running anything or logging', async () => {
    const logged: unknown[] = [];
    const ran: string[] = [];
    const handlers = handlersAnswering(async (channel) => ran.push(channel));
    const log = (...entry: unknown[]) => logged.push(entry);
    for (const channel of ['shell:open', 'constructor', '__proto__', 'toString', 42, undefined, null]) {
      expect(await dispatch(handlers, channel, [], log), String(channel)).toEqual({ ok: false, error: { kind: 'invalid', message: `${String(channel)} is not a channel of the app` } });
    }
    expect(await dispatch(handlers, 'app:info', { 0: 'x', length: 1 }, log)).toEqual({ ok: false, error: { kind: 'invalid', message: 'app:info: arguments must be a list' } });
    expect(ran).toEqual([]);
    expect(logged).toEqual([]);
  });

  it('passes an IpcError across whole, and logs anything else as internal', async () => {
    const logged: Array<[string, unknown]> = [];
    const log = (message: string, error: unknown) => logged.push([message, error]);
    const fault = new IpcError({ kind: 'fault', message: 'The object changed', fault: 'VERSION_CONFLICT', faultCode: 26 });
    expect(await dispatch(handlersAnswering(() => Promise.reject(fault)), 'api:call', [], log)).toEqual({ ok: false, error: fault.info });
    expect(logged).toEqual([]);

    const bug = new TypeError('x is undefined');
    expect(await dispatch(handlersAnswering(() => Promise.reject(bug)), 'satellites:list', [], log)).toEqual({ ok: false, error: { kind: 'internal', message: 'x is undefined' } });
    expect(await dispatch(handlersAnswering(() => Promise.reject('a string')), 'app:info', [], log)).toEqual({ ok: false, error: { kind: 'internal', message: 'a string' } });
    expect(logged).toEqual([
      ['satellites:list failed', bug],
      ['app:info failed', 'a string'],
    ]);
  });
});
