import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, shell, type WebContents } from 'electron';

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

/** True when a frame shows the app's own page (the trusted-sender check of every IPC handler). */
export function isRendererUrl(url: string | undefined, rendererDir: string): boolean {
  if (!url) return false;
  const page = new URL(url);
  return page.protocol === 'file:' && page.pathname === pathToFileURL(path.join(rendererDir, 'index.html')).pathname;
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
