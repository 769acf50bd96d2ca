// A stand-in for the `electron` module, for the smoke run of the staged main process under plain Node
// (check-staged-app.mjs). It exports every name of Electron's main-process API (MAIN_PROCESS_EXPORTS; a test
// compares it with electron.d.ts), answers what starting needs (ready at once, the single-instance lock, a temp
// userData folder, no keyring), records the window's page and preload and the IPC channels handled, and lets
// any other call through as a harmless no-op. It prints its record as JSON and exits once the window loads its
// page, or when the app quits or exits first. It is never packaged.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Electron 45's main-process exports (namespaces Electron.Main and Electron.Common of electron.d.ts). */
export const MAIN_PROCESS_EXPORTS = Object.freeze([
  'app', 'autoUpdater', 'BaseWindow', 'BrowserView', 'BrowserWindow', 'clipboard', 'ClipboardItem', 'contentTracing',
  'crashReporter', 'desktopCapturer', 'dialog', 'globalShortcut', 'ImageView', 'inAppPurchase', 'ipcMain',
  'IpcMainServiceWorker', 'Menu', 'MenuItem', 'MessageChannelMain', 'nativeImage', 'nativeTheme', 'net', 'netLog',
  'Notification', 'powerMonitor', 'powerSaveBlocker', 'protocol', 'pushNotifications', 'safeStorage', 'screen',
  'session', 'sharedTexture', 'ShareMenu', 'shell', 'systemPreferences', 'TouchBar', 'Tray', 'utilityProcess', 'View',
  'webContents', 'WebContentsView', 'webFrameMain', 'WebSocket',
]);

/** @type {{ handled: string[], pages: string[], preloads: string[], sandbox: boolean, ended: string | null }} */
const report = { handled: [], pages: [], preloads: [], sandbox: false, ended: null };
/** @type {string | null} made on first use, so importing this module (its test does) leaves nothing behind */
let userData = null;
const userDataDir = () => (userData ??= mkdtempSync(path.join(os.tmpdir(), 'taskomatic-smoke-')));
let finished = false;

function finish(/** @type {string | null} */ ended) {
  if (finished) return;
  finished = true;
  report.ended = ended;
  setImmediate(() => {
    process.stdout.write(`${JSON.stringify({ ...report, userData })}\n`);
    process.exit(0);
  });
}

/**
 * Any API the smoke run has no answer for: callable, constructible, every property another such value; never a
 * thenable (awaiting it must not hang).
 * @param {Record<string | symbol, unknown>} [known] members that answer for real
 * @returns {any}
 */
function anything(known = {}) {
  return new Proxy(function stub() {}, {
    get: (_, key) => (key in known ? known[key] : key === 'then' || typeof key === 'symbol' ? undefined : anything()),
    apply: () => anything(),
    construct: () => anything(),
  });
}

const app = anything({
  enableSandbox: () => { report.sandbox = true; },
  requestSingleInstanceLock: () => true,
  whenReady: () => Promise.resolve(),
  isReady: () => true,
  getPath: (/** @type {string} */ name) => (name === 'userData' ? userDataDir() : path.join(userDataDir(), name)),
  setPath: () => undefined,
  getName: () => 'Taskomatic',
  getVersion: () => '0.0.0-smoke',
  quit: () => finish('app.quit()'),
  exit: (/** @type {number | undefined} */ code) => finish(`app.exit(${code ?? 0})`),
});

const safeStorage = anything({
  isEncryptionAvailable: () => false,
  getSelectedStorageBackend: () => 'basic_text',
});

const ipcMain = anything({ handle: (/** @type {string} */ channel) => { report.handled.push(channel); } });

class BrowserWindow {
  static getAllWindows() { return []; }
  static getFocusedWindow() { return null; }
  /** @param {{ webPreferences?: { preload?: string } }} options */
  constructor(options) {
    report.preloads.push(options?.webPreferences?.preload ?? '');
    return anything({
      webContents: anything(),
      loadFile: (/** @type {string} */ file) => {
        report.pages.push(file);
        finish(null); // the window is the last thing the main process sets up
        return Promise.resolve();
      },
    });
  }
}

const special = { app, safeStorage, ipcMain, BrowserWindow };
const exported = Object.fromEntries(MAIN_PROCESS_EXPORTS.map((name) => [name, name in special ? special[/** @type {keyof typeof special} */ (name)] : anything()]));

export default exported;
export const {
  autoUpdater, BaseWindow, BrowserView, clipboard, ClipboardItem, contentTracing, crashReporter, desktopCapturer,
  dialog, globalShortcut, ImageView, inAppPurchase, IpcMainServiceWorker, Menu, MenuItem, MessageChannelMain,
  nativeImage, nativeTheme, net, netLog, Notification, powerMonitor, powerSaveBlocker, protocol, pushNotifications,
  screen, session, sharedTexture, ShareMenu, shell, systemPreferences, TouchBar, Tray, utilityProcess, View,
  webContents, WebContentsView, webFrameMain, WebSocket,
} = exported;
export { app, safeStorage, ipcMain, BrowserWindow };
