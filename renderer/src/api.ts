import type { DesktopApi } from '@taskomatic/shared/ipc';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the browser host, where the web bridge builds the same object. */
    api?: DesktopApi;
  }
}

let current: DesktopApi | undefined;

/** Installs the api once at start (main.tsx). */
export function installApi(api: DesktopApi): void {
  current = api;
}

/** What the renderer may ask of the main process. */
export function desktopApi(): DesktopApi {
  if (!current) throw new Error('The desktop api is not installed yet');
  return current;
}
