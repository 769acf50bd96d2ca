import type { ClientArgs, ClientMethod, ClientResult } from './client-methods.js';
import type { InvokeArgs, InvokeChannel, InvokeResult, PushChannel, PushChannels } from './channels.js';
import { IpcError, type IpcOutcome } from './ipc-error.js';

/** How a host carries the map: Electron's ipcRenderer (preload), or HTTP and server-sent events (browser). */
export interface IpcTransport {
  invoke(channel: InvokeChannel, args: ReadonlyArray<unknown>): Promise<IpcOutcome<unknown>>;
  subscribe(channel: PushChannel, listener: (payload: unknown) => void): () => void;
}

/**
 * `window.api`: what the renderer may do, shaped by domain. Built the same way by the preload and by the
 * browser bridge; the renderer never names a channel.
 */
export function createDesktopApi(transport: IpcTransport) {
  async function invoke<C extends InvokeChannel>(channel: C, ...args: InvokeArgs<C>): Promise<InvokeResult<C>> {
    const outcome = await transport.invoke(channel, args);
    if (!outcome.ok) throw new IpcError(outcome.error);
    return outcome.value as InvokeResult<C>;
  }
  function on<C extends PushChannel>(channel: C) {
    return (listener: (payload: PushChannels[C]) => void): (() => void) => transport.subscribe(channel, (payload) => listener(payload as PushChannels[C]));
  }
  return {
    app: { info: () => invoke('app:info') },
    satellites: {
      list: (...args: InvokeArgs<'satellites:list'>) => invoke('satellites:list', ...args),
      add: (...args: InvokeArgs<'satellites:add'>) => invoke('satellites:add', ...args),
      update: (...args: InvokeArgs<'satellites:update'>) => invoke('satellites:update', ...args),
      remove: (...args: InvokeArgs<'satellites:remove'>) => invoke('satellites:remove', ...args),
      test: (...args: InvokeArgs<'satellites:test'>) => invoke('satellites:test', ...args),
      login: (...args: InvokeArgs<'satellites:login'>) => invoke('satellites:login', ...args),
      refresh: (...args: InvokeArgs<'satellites:refresh'>) => invoke('satellites:refresh', ...args),
    },
    /** Calls an API method of one satellite; typed from the contract. */
    call: <M extends ClientMethod>(satelliteId: string, method: M, ...params: ClientArgs<M>): Promise<ClientResult<M>> =>
      invoke('api:call', satelliteId, method, params) as Promise<ClientResult<M>>,
    on: {
      satelliteState: on('satellite:state'),
      satelliteRemoved: on('satellite:removed'),
      satelliteChanges: on('satellite:changes'),
    },
  };
}

export type DesktopApi = ReturnType<typeof createDesktopApi>;
