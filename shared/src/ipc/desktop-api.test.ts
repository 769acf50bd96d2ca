import { describe, expect, it } from 'vitest';
import type { InvokeChannel, PushChannel } from './channels.js';
import { createDesktopApi, type IpcTransport } from './desktop-api.js';
import { IpcError, type IpcOutcome } from './ipc-error.js';

/** A transport in memory: answers from a table, pushes to whoever subscribed. */
function memoryTransport(answer: (channel: InvokeChannel, args: ReadonlyArray<unknown>) => IpcOutcome<unknown>) {
  const asked: Array<[InvokeChannel, ReadonlyArray<unknown>]> = [];
  const listeners = new Map<PushChannel, Set<(payload: unknown) => void>>();
  const transport: IpcTransport = {
    invoke: async (channel, args) => {
      asked.push([channel, args]);
      return answer(channel, args);
    },
    subscribe: (channel, listener) => {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
      return () => set.delete(listener);
    },
  };
  const push = (channel: PushChannel, payload: unknown) => listeners.get(channel)?.forEach((listener) => listener(payload));
  return { transport, asked, push };
}

describe('window.api, built from the channel map', () => {
  it('asks the channel of each domain method with its arguments, and answers the value', async () => {
    const { transport, asked } = memoryTransport((channel, args) => ({ ok: true, value: { channel, args } }));
    const api = createDesktopApi(transport);
    await api.app.info();
    await api.satellites.list();
    await api.satellites.remove('a');
    await api.satellites.login('a', 'pw');
    await api.satellites.refresh('a');
    await api.satellites.test({ name: 'n', url: 'http://x', username: 'u', colour: '#000000', glyph: '●' }, 'a');
    const answer = await api.call('a', 'schedules.list', { includeEnded: true });
    expect(answer).toEqual({ channel: 'api:call', args: ['a', 'schedules.list', [{ includeEnded: true }]] });
    expect(asked.map(([channel]) => channel)).toEqual(['app:info', 'satellites:list', 'satellites:remove', 'satellites:login', 'satellites:refresh', 'satellites:test', 'api:call']);
    expect(asked[3]).toEqual(['satellites:login', ['a', 'pw']]);
  });

  it('throws an IpcError with the whole error info when the main process says no', async () => {
    const info = { kind: 'fault', message: 'Changed by bob', fault: 'VERSION_CONFLICT', faultCode: 26 } as const;
    const api = createDesktopApi(memoryTransport(() => ({ ok: false, error: info })).transport);
    const failure = api.call('a', 'schedules.update', { id: 1, version: 2 } as never);
    await expect(failure).rejects.toBeInstanceOf(IpcError);
    await expect(failure).rejects.toMatchObject({ name: 'IpcError', message: 'Changed by bob', info });
  });

  it('delivers pushes to listeners of their channel until they unsubscribe', () => {
    const { transport, push } = memoryTransport(() => ({ ok: true, value: null }));
    const api = createDesktopApi(transport);
    const removed: unknown[] = [];
    const states: unknown[] = [];
    const stop = api.on.satelliteRemoved((payload) => removed.push(payload));
    api.on.satelliteState((payload) => states.push(payload));
    push('satellite:removed', { id: 'a' });
    stop();
    push('satellite:removed', { id: 'b' });
    expect(removed).toEqual([{ id: 'a' }]);
    expect(states).toEqual([]);
  });
});
