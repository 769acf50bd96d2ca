// Proves the staged app (build/stage/) is complete before electron-builder packs it, without Electron:
//   1. plain Node runs its main process from a copy outside the repository (no node_modules to fall back on):
//      the one thing allowed to be missing is the `electron` package itself;
//   2. a smoke run with smoke/electron-stub.mjs standing in for `electron`: the main process starts, handles
//      every IPC channel of the shared map, and opens a page and a preload that exist inside the staged copy.
// The copy's folder name has a space and an accent, as installed apps meet them (the dmg's volume
// "Taskomatic 0.1.0", a Windows profile "C:\Users\José M\"), so a URL used as a path shows up here.
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import product from './product.cjs';
import { STAGE_DIR } from './stage-app.mjs';

const MAIN = 'electron/dist/electron-main.js';
const REGISTER_STUB = new URL('./smoke/register-electron-stub.mjs', import.meta.url).href;

/**
 * @param {string} [stageDir] default: build/stage/
 * @returns {Promise<ReadonlyArray<string>>} what was checked, in words
 */
export async function checkStagedApp(stageDir = STAGE_DIR) {
  if (!existsSync(path.join(stageDir, MAIN))) throw new Error(`Nothing staged in ${stageDir}: run \`node build/stage-app.mjs\` first`);
  const copy = await mkdtemp(path.join(os.tmpdir(), 'Taskomatic staged é-'));
  try {
    await cp(stageDir, copy, { recursive: true });
    return [plainNodeRun(copy), await smokeRun(copy)];
  } finally {
    await rm(copy, { recursive: true, force: true });
  }
}

/** @param {string} copy */
function plainNodeRun(copy) {
  const run = spawnSync(process.execPath, [path.join(copy, MAIN)], { encoding: 'utf8', timeout: 30_000 });
  const missing = [...run.stderr.matchAll(/Cannot find (?:package|module) '([^']+)'/g)].map((m) => m[1]);
  if (run.status === 0 || missing.length !== 1 || missing[0] !== 'electron') {
    throw new Error(`Under plain Node the staged main process should fail only for want of 'electron'; it exited ${run.status}:\n${run.stderr}`);
  }
  return "plain Node: every module resolves except 'electron' (ERR_MODULE_NOT_FOUND), as expected without Electron";
}

/** @param {string} copy */
async function smokeRun(copy) {
  const run = spawnSync(process.execPath, ['--import', REGISTER_STUB, path.join(copy, MAIN)], { encoding: 'utf8', timeout: 30_000 });
  const last = run.stdout.trim().split('\n').at(-1) ?? '';
  if (run.status !== 0 || !last.startsWith('{')) throw new Error(`The smoke run failed (exit ${run.status}):\n${run.stderr}${run.stdout}`);
  /** @type {{ handled: string[], pages: string[], preloads: string[], sandbox: boolean, ended: string | null, userData: string | null }} */
  const report = JSON.parse(last);
  if (report.userData) await rm(report.userData, { recursive: true, force: true });
  const { INVOKE_CHANNELS } = await import(pathToFileURL(path.join(product.ROOT, 'shared/dist/ipc/index.js')).href);
  const problems = [];
  const unhandled = INVOKE_CHANNELS.filter((/** @type {string} */ c) => !report.handled.includes(c));
  if (unhandled.length > 0) problems.push(`IPC channels without a handler: ${unhandled.join(', ')}`);
  if (report.ended) problems.push(`the app ended (${report.ended}) before opening its window:\n${run.stderr}`);
  if (!report.sandbox) problems.push('app.enableSandbox() was not called');
  for (const file of [...report.pages, ...report.preloads]) {
    if (!file || !existsSync(file)) {
      const hint = file?.includes('%') ? " (percent-encoded: a file: URL's .pathname used as a path; fileURLToPath() is the fix)" : '';
      problems.push(`asks for a file that does not exist: ${file}${hint}`);
    }
    else if (path.relative(copy, file).startsWith('..')) problems.push(`reaches outside the staged app: ${file}`);
  }
  if (report.pages.length !== 1 || report.preloads.length !== 1) problems.push(`expected one window, got pages ${report.pages} and preloads ${report.preloads}`);
  if (problems.length > 0) throw new Error(`The staged main process is not whole:\n  ${problems.join('\n  ')}`);
  return `smoke run: starts, handles all ${INVOKE_CHANNELS.length} IPC channels, opens ${path.relative(copy, report.pages[0])} with ${path.relative(copy, report.preloads[0])}, all inside the staged app`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const line of await checkStagedApp()) console.log(`ok  ${line}`);
}
