import { readFile } from 'node:fs/promises';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/**
 * A file of the renderer's build folder, or undefined when the path is not one (never outside the folder,
 * whatever the encoding; a malformed one is no file either).
 */
export async function staticFile(root: string, urlPath: string): Promise<{ body: Buffer; type: string } | undefined> {
  let relative: string;
  try {
    relative = decodeURIComponent(urlPath).replace(/^\/+/, '');
  } catch {
    return undefined;
  }
  root = path.resolve(root);
  const file = path.resolve(root, relative === '' ? 'index.html' : relative);
  if (file !== root && !file.startsWith(root + path.sep)) return undefined;
  const type = TYPES[path.extname(file)];
  if (!type) return undefined;
  try {
    return { body: await readFile(file), type };
  } catch {
    return undefined;
  }
}
