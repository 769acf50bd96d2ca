import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, session } from 'electron';
import { INVOKE_CHANNELS, type PushChannel, type PushChannels } from '@taskomatic/shared/ipc';
import { APP_VERSION, RENDERER_DIR } from './app-version.js';
import { CONTENT_SECURITY_POLICY } from './content-security-policy.js';
import { dispatch } from './ipc/dispatch.js';
import { createHandlers } from './ipc/handlers.js';
import { Fleet } from './satellites/fleet.js';
import { DEFAULT_TIMINGS } from './satellites/satellite-connection.js';
import { safeStorageSecrets } from './satellites/safe-storage-secrets.js';
import { SatelliteStore } from './satellites/satellite-store.js';
import { createMainWindow } from './window/main-window.js';
import { isRendererUrl } from './window/renderer-url.js';

/**
 * The Electron app's composition root: the fleet (satellites, sessions, secrets) lives here, in the main
 * process; the renderer reaches it only through the channel map, each request checked to come from the app's
 * own page.
 */
const PRELOAD = fileURLToPath(new URL('./preload.cjs', import.meta.url));
const log = (message: string, error?: unknown) => console.error(`${new Date().toISOString()} ${message}`, ...(error === undefined ? [] : [error]));

// `--data DIR` keeps the app's data (saved satellites, sealed passwords) in DIR instead of the OS's default
// folder: a second profile, a portable install, or a test's temp folder.
const dataFlag = process.argv.indexOf('--data');
const dataDir = dataFlag > 0 ? process.argv[dataFlag + 1] : undefined;
if (dataDir) app.setPath('userData', path.resolve(dataDir));

app.enableSandbox();
if (!app.requestSingleInstanceLock()) app.quit();

void app.whenReady().then(() => {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));

  const secrets = safeStorageSecrets();
  const store = new SatelliteStore(path.join(app.getPath('userData'), 'satellites'));
  const push = <C extends PushChannel>(channel: C, payload: PushChannels[C]) => {
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send(channel, payload);
  };
  const fleet = new Fleet(store, secrets, push, DEFAULT_TIMINGS, log);
  const handlers = createHandlers({ fleet, appInfo: { host: 'electron', version: APP_VERSION, keyring: secrets.info } });
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, (event, ...args: unknown[]) => {
      if (!isRendererUrl(event.senderFrame?.url, RENDERER_DIR)) {
        return { ok: false, error: { kind: 'invalid', message: 'Refused: the request does not come from the app' } };
      }
      return dispatch(handlers, channel, args, log);
    });
  }
  fleet.start();
  createMainWindow(RENDERER_DIR, PRELOAD);
  app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus());
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow(RENDERER_DIR, PRELOAD);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', () => void fleet.stop());
}).catch((error: unknown) => {
  // E.g. a satellites.json it cannot read: say so instead of running on without a window.
  log('the app could not start', error);
  dialog.showErrorBox('Taskomatic could not start', error instanceof Error ? error.message : String(error));
  app.exit(1);
});
