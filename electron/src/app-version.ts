import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The app's version, from electron/package.json. */
export const APP_VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/**
 * The renderer's build folder, next to this package in the repository and in the packaged app. A file path, not
 * a URL's pathname: install folders have spaces and accents (percent-encoded in a URL) and, on Windows, drives.
 */
export const RENDERER_DIR: string = path.resolve(fileURLToPath(new URL('../../renderer/dist/', import.meta.url)));
