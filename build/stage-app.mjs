// Stages the desktop app into build/stage/: exactly what the installers carry, and nothing of the workspaces
// around it (no server, no node_modules, no native module).
//   package.json               name, productName, version, main: the packaged app's identity for Electron
//   electron/package.json      version and "type": "module" (the main process is ESM and reads its version here)
//   electron/dist/electron-main.js   the main process and @taskomatic/shared bundled into one file
//   electron/dist/preload.cjs        the preload, as electron/build-preload.mjs bundled it
//   renderer/dist/             index.html, app.js, app.css (no source maps, no type declarations)
// The layout keeps the main process's relative paths (../package.json, ../../renderer/dist/) as in the repo.
import { copyFile, cp, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import product from './product.cjs';

export const STAGE_DIR = fileURLToPath(new URL('./stage/', import.meta.url));

/** What `npm run build` must have produced. */
const BUILD_OUTPUTS = Object.freeze([
  'electron/dist/electron-main.js',
  'electron/dist/preload.cjs',
  'renderer/dist/index.html',
  'renderer/dist/app.js',
  'renderer/dist/app.css',
]);

/** The only modules the bundled main process may still import at run time. */
const isAllowedImport = (/** @type {string} */ name) => name === 'electron' || isBuiltin(name);

/**
 * @param {{ root?: string, stageDir?: string }} [options] the repository and where to stage (default: build/stage/)
 * @returns {Promise<{ stageDir: string, files: ReadonlyArray<string> }>} the staged files, relative, sorted
 */
export async function stageApp({ root = product.ROOT, stageDir = STAGE_DIR } = {}) {
  const missing = [];
  for (const file of BUILD_OUTPUTS) if (!(await exists(path.join(root, file)))) missing.push(file);
  if (missing.length > 0) throw new Error(`Not built yet (${missing.join(', ')}): run \`npm run build\` first`);
  if (product.version !== product.appVersion) {
    throw new Error(`package.json says ${product.version} but electron/package.json says ${product.appVersion}: the installer and the app would disagree`);
  }

  await rm(stageDir, { recursive: true, force: true });
  await mkdir(path.join(stageDir, 'electron/dist'), { recursive: true });
  await bundleMain(root, path.join(stageDir, 'electron/dist/electron-main.js'));
  await copyFile(path.join(root, 'electron/dist/preload.cjs'), path.join(stageDir, 'electron/dist/preload.cjs'));
  await cp(path.join(root, 'renderer/dist'), path.join(stageDir, 'renderer/dist'), {
    recursive: true,
    filter: (from) => !from.endsWith('.map') && !from.endsWith('.d.ts') && path.basename(from) !== 'types',
  });
  await writeJson(path.join(stageDir, 'electron/package.json'), { name: '@taskomatic/electron', version: product.version, private: true, type: 'module' });
  await writeJson(path.join(stageDir, 'package.json'), {
    name: product.executableName,
    productName: product.productName,
    // Electron names the Linux window (app_id, WM_CLASS) after it, so the desktop entry finds its windows.
    desktopName: `${product.executableName}.desktop`,
    version: product.version,
    description: product.description,
    author: product.author,
    license: product.license,
    homepage: product.homepage,
    private: true,
    main: 'electron/dist/electron-main.js',
  });
  return { stageDir, files: await listFiles(stageDir) };
}

/** Bundles the compiled main process with the workspace code it imports; refuses anything else. */
async function bundleMain(/** @type {string} */ root, /** @type {string} */ outfile) {
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['electron/dist/electron-main.js'],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22', // Electron 45's Node
    external: ['electron'],
    metafile: true,
    logLevel: 'warning',
  });
  const strangers = Object.keys(result.metafile.inputs).filter((input) => !/^(electron|shared)\/dist\/[^]+\.js$/.test(input));
  const imports = Object.values(result.metafile.outputs).flatMap((output) => output.imports.map((i) => i.path));
  const unexpected = [...new Set(imports.filter((name) => !isAllowedImport(name)))];
  if (strangers.length > 0 || unexpected.length > 0) {
    throw new Error(`The main process must bundle only electron/ and shared/ code and import only electron and Node built-ins; found ${[...strangers, ...unexpected].join(', ')}`);
  }
}

async function exists(/** @type {string} */ file) {
  return stat(file).then(() => true, () => false);
}

async function writeJson(/** @type {string} */ file, /** @type {unknown} */ value) {
  await writeFile(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** @returns {Promise<string[]>} */
async function listFiles(/** @type {string} */ dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath ?? e.path, e.name)).split(path.sep).join('/')).sort();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { stageDir, files } = await stageApp();
  console.log(`Staged ${files.length} files in ${stageDir}:\n  ${files.join('\n  ')}`);
}
