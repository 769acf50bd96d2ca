// The smoke run's stand-in for `electron` must offer every main-process export of the pinned Electron, or a
// main process using one more API would fail the check for the wrong reason.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as stub from '../smoke/electron-stub.mjs';

/** The const and class names declared in one `namespace X {` block of electron.d.ts. */
function declaredIn(/** @type {string} */ types, /** @type {string} */ namespace) {
  const start = types.indexOf(`\n  namespace ${namespace} {\n`);
  const end = types.indexOf('\n  }\n', start);
  return [...types.slice(start, end).matchAll(/^ {4}(?:const|class) ([A-Za-z]+)/gm)].map((m) => m[1]);
}

describe('electron stub', () => {
  it('exports exactly the main-process names of electron.d.ts', () => {
    const electronDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json', { paths: [new URL('../../electron/', import.meta.url).pathname] }));
    const types = readFileSync(path.join(electronDir, 'electron.d.ts'), 'utf8');
    const expected = [...declaredIn(types, 'Main'), ...declaredIn(types, 'Common')].sort();
    expect([...stub.MAIN_PROCESS_EXPORTS].sort()).toEqual(expected);
    const named = Object.keys(stub).filter((name) => name !== 'default' && name !== 'MAIN_PROCESS_EXPORTS');
    expect(named.sort()).toEqual(expected);
  });

  it('never hands back a thenable, so awaiting an unknown API cannot hang', async () => {
    await expect(Promise.resolve(stub.dialog.showMessageBox())).resolves.toBeDefined();
    expect(stub.session.defaultSession.then).toBeUndefined();
  });
});
