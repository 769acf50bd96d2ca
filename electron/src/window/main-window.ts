import path from 'node:path';
import { BrowserWindow, shell, type WebContents } from 'electron';
import { isRendererUrl } from './renderer-url.js';

/**
 * The app's window: context isolation and the sandbox on, Node integration off, only the preload's
 * `window.api` exposed; navigation away from the renderer refused, links to the web opened in the browser.
 */
export function createMainWindow(rendererDir: string, preload: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: 'Taskomatic',
    backgroundColor: '#0f172a',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  lockNavigation(window.webContents, rendererDir);
  void window.loadFile(path.join(rendererDir, 'index.html'));
  return window;
}

function lockNavigation(contents: WebContents, rendererDir: string): void {
  contents.on('will-navigate', (event, url) => {
    if (!isRendererUrl(url, rendererDir)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}
