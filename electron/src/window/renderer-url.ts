import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * True when a frame shows the app's own page (the trusted-sender check of every IPC handler, and where the
 * window may navigate): `file:` and exactly the renderer's index.html, whatever the hash (the renderer's routes).
 */
export function isRendererUrl(url: string | undefined, rendererDir: string): boolean {
  if (!url || !URL.canParse(url)) return false;
  const page = new URL(url);
  return page.protocol === 'file:' && page.host === '' && page.pathname === pathToFileURL(path.join(rendererDir, 'index.html')).pathname;
}
