import { describe, expect, it } from 'vitest';
import { INVOKE_CHANNELS, isInvokeChannel, PUSH_CHANNELS } from './channels.js';
import { isClientMethod } from './client-methods.js';
import { errorInfoOf, IpcError } from './ipc-error.js';

describe('the channel map', () => {
  it('knows its own channels and nothing else, inherited names included', () => {
    for (const channel of INVOKE_CHANNELS) expect(isInvokeChannel(channel)).toBe(true);
    for (const name of ['satellite:state', 'constructor', '__proto__', 'hasOwnProperty', 'api:call ', 'API:CALL', '', 1, null, undefined, ['api:call']]) {
      expect(isInvokeChannel(name), String(name)).toBe(false);
    }
    expect(new Set(INVOKE_CHANNELS).size).toBe(INVOKE_CHANNELS.length);
    expect(PUSH_CHANNELS).toEqual(['satellite:state', 'satellite:removed', 'satellite:changes']);
  });

  it('lets the renderer call the struct family only: sessions, introspection and the Spacewalk family stay out', () => {
    expect(isClientMethod('schedules.list')).toBe(true);
    expect(isClientMethod('changes.since')).toBe(true);
    for (const name of ['auth.login', 'auth.logout', 'system.multicall', 'taskomatic.listSatBunches', 'taskomatic.org.listBunches']) expect(isClientMethod(name), name).toBe(false);
  });

  it('keeps an IpcError whole and turns anything else thrown into internal', () => {
    const info = { kind: 'offline', message: 'sat-1 refused the connection' } as const;
    expect(errorInfoOf(new IpcError(info))).toBe(info);
    expect(errorInfoOf(new RangeError('bad'))).toEqual({ kind: 'internal', message: 'bad' });
    expect(errorInfoOf(undefined)).toEqual({ kind: 'internal', message: 'undefined' });
  });
});
