// The staged app holds what the installers need and nothing else; its main process finds its own files.
// Needs the build outputs (`npm test` builds first).
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkStagedApp } from '../check-staged-app.mjs';
import product from '../product.cjs';
import { stageApp } from '../stage-app.mjs';

let stageDir = '';
/** @type {ReadonlyArray<string>} */
let files = [];

beforeAll(async () => {
  stageDir = await mkdtemp(path.join(os.tmpdir(), 'stage-test-'));
  ({ files } = await stageApp({ stageDir }));
}, 60_000);
afterAll(() => rm(stageDir, { recursive: true, force: true }));

const json = (/** @type {string} */ file) => JSON.parse(readFileSync(path.join(stageDir, file), 'utf8'));

describe('stageApp', () => {
  it('stages exactly the main bundle, the preload, the renderer and two package.json files', () => {
    expect(files).toEqual([
      'electron/dist/electron-main.js',
      'electron/dist/preload.cjs',
      'electron/package.json',
      'package.json',
      'renderer/dist/app.css',
      'renderer/dist/app.js',
      'renderer/dist/index.html',
    ]);
  });

  it('writes a package.json that names the product and depends on nothing', () => {
    const manifest = json('package.json');
    expect(manifest).toMatchObject({ productName: 'Taskomatic', version: product.version, main: 'electron/dist/electron-main.js' });
    expect(manifest.dependencies).toBeUndefined();
    expect(json('electron/package.json')).toMatchObject({ type: 'module', version: product.version });
  });

  it('bundles the workspace code into the main process: it imports only electron and Node built-ins', () => {
    const main = readFileSync(path.join(stageDir, 'electron/dist/electron-main.js'), 'utf8');
    const imports = [...main.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]);
    expect(imports.filter((name) => name !== 'electron' && !name.startsWith('node:'))).toEqual([]);
    expect(main).not.toMatch(/@taskomatic\/|better-sqlite3|\.node"/);
  });

  it('starts under plain Node as far as `electron`, and finds its page and preload from any install folder', async () => {
    expect(await checkStagedApp(stageDir)).toHaveLength(2);
  }, 60_000);
});
