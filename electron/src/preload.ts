// The preload of the app's window, bundled into preload.cjs (a sandboxed preload cannot load modules): it
// exposes `window.api`, built from the channel map, and nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import { createDesktopApi, type IpcOutcome } from '@taskomatic/shared/ipc';

const api = createDesktopApi({
  invoke: (channel, args) => ipcRenderer.invoke(channel, ...args) as Promise<IpcOutcome<unknown>>,
  subscribe: (channel, listener) => {
    const forward = (_event: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, forward);
    return () => ipcRenderer.removeListener(channel, forward);
  },
});

contextBridge.exposeInMainWorld('api', api);
