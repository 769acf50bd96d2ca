import { readFileSync } from 'node:fs';

/** The app's version, from electron/package.json. */
export const APP_VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** The renderer's build folder, next to this package in the repository and in the packaged app. */
export const RENDERER_DIR: string = new URL('../../renderer/dist/', import.meta.url).pathname.replace(/\/$/, '');
