import { isMethodName } from '@taskomatic/shared';
import { IpcError, isClientMethod, type AppInfo, type InvokeHandlers } from '@taskomatic/shared/ipc';
import type { ResultValue } from '@taskomatic/shared/xmlrpc';
import type { Fleet } from '../satellites/fleet.js';

/** Most parameters an API method takes after the session key. */
const MAX_PARAMS = 8;

/**
 * The main process's answer to every channel of the map. Both hosts (Electron's IPC, the browser bridge)
 * register exactly these; only the transport differs.
 */
export function createHandlers(deps: { readonly fleet: Fleet; readonly appInfo: AppInfo }): InvokeHandlers {
  const { fleet } = deps;
  return {
    'app:info': async () => deps.appInfo,
    'satellites:list': async () => fleet.list(),
    'satellites:add': (draft) => fleet.add(draft),
    'satellites:update': (id, draft) => fleet.update(id, draft),
    'satellites:remove': (id) => fleet.remove(id),
    'satellites:test': (draft, id) => fleet.test(draft, id),
    'satellites:login': (id, password) => fleet.login(id, password),
    'satellites:refresh': (id) => fleet.refresh(id),
    'api:call': async (satelliteId, method, params) => {
      // Only methods of the contract's struct family; the session key is added here, never by the renderer.
      if (typeof method !== 'string' || !isMethodName(method) || !isClientMethod(method)) {
        throw new IpcError({ kind: 'invalid', message: `${String(method)} is not an API method the app may call` });
      }
      if (!Array.isArray(params) || params.length > MAX_PARAMS) throw new IpcError({ kind: 'invalid', message: `${method}: parameters must be a list` });
      return fleet.call(satelliteId, method, params as ResultValue[]);
    },
  };
}
