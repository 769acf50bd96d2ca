// Which Electron goes into an installer: electron-builder's `electronDist` hook. In order:
//   1. TASKOMATIC_ELECTRON_DIST: a folder of official zips (electron-v<version>-<platform>-<arch>.zip, checked
//      against the SHA-256 sums the electron npm package pins) or one unpacked Electron;
//   2. the unpacked Electron that `npm install` leaves in node_modules/electron/dist where its download ran;
//   3. nothing: electron-builder downloads the official zip (cached in ~/.cache/electron) and checks it
//      against the same pinned sums.
// A local Electron is used only when its version, platform and CPU match the installer being made.
const { createHash } = require('node:crypto');
const { existsSync, readFileSync, readdirSync, statSync } = require('node:fs');
const path = require('node:path');
const { binaryArch } = require('./binary-arch.cjs');
const { ROOT } = require('./product.cjs');

const ENV_VAR = 'TASKOMATIC_ELECTRON_DIST';

/** @type {Readonly<Record<string, string>>} Where an unpacked Electron keeps its executable. */
const EXECUTABLES = Object.freeze({
  linux: 'electron',
  win32: 'electron.exe',
  darwin: 'Electron.app/Contents/MacOS/Electron',
  mas: 'Electron.app/Contents/MacOS/Electron',
});

/** @returns {string | null} the installed electron npm package's folder */
function electronPackageDir() {
  try {
    return path.dirname(require.resolve('electron/package.json', { paths: [path.join(ROOT, 'electron')] }));
  } catch {
    return null;
  }
}

/** @returns {Readonly<Record<string, string>>} official zip name → SHA-256, as pinned by the electron npm package */
function pinnedChecksums() {
  const dir = electronPackageDir();
  const file = dir && path.join(dir, 'checksums.json');
  return file && existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
}

/** @param {string} version @param {string} platformName @param {string} arch */
const zipName = (version, platformName, arch) => `electron-v${version}-${platformName}-${arch}.zip`;

/**
 * Why an official zip cannot be used, or null when its SHA-256 is the pinned one.
 * @param {string} file
 */
function zipProblem(file) {
  const expected = pinnedChecksums()[path.basename(file)];
  if (!expected) return `${path.basename(file)} has no pinned checksum in the electron package's checksums.json`;
  const actual = createHash('sha256').update(readFileSync(file)).digest('hex');
  return actual === expected ? null : `${file}: SHA-256 ${actual}, expected ${expected}`;
}

/**
 * Why an unpacked Electron does not fit a target, or null when it does.
 * @param {string} dir @param {{ platformName: string, arch: string, version: string }} target
 */
function unpackedProblem(dir, { platformName, arch, version }) {
  const executable = path.join(dir, EXECUTABLES[platformName] ?? 'electron');
  if (!existsSync(executable)) return `${dir} has no ${path.relative(dir, executable)} (not an unpacked Electron for ${platformName})`;
  const versionFile = path.join(dir, 'version');
  const found = existsSync(versionFile) ? readFileSync(versionFile, 'utf8').trim().replace(/^v/, '') : 'unknown';
  if (found !== version) return `${dir} is Electron ${found}, the app needs ${version}`;
  const cpu = binaryArch(executable);
  if (cpu !== arch && cpu !== 'universal') return `${dir} is built for ${cpu ?? 'an unknown CPU'}, the installer is for ${arch}`;
  return null;
}

/**
 * The electronDist hook: a local Electron for this target, or null to let electron-builder download it.
 * @param {{ platformName: string, arch: string, version: string }} target
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {string | null}
 */
function electronDistFor(target, env = process.env) {
  const configured = env[ENV_VAR];
  if (configured) {
    const dir = path.resolve(configured);
    const zip = path.join(dir, zipName(target.version, target.platformName, target.arch));
    const problem = existsSync(zip) ? zipProblem(zip) : unpackedProblem(dir, target);
    if (!problem) return dir;
    console.warn(`  ${ENV_VAR} not used for ${target.platformName}-${target.arch}: ${problem}; downloading Electron instead`);
    return null;
  }
  const packageDir = electronPackageDir();
  const installed = packageDir && path.join(packageDir, 'dist');
  return installed && !unpackedProblem(installed, target) ? installed : null;
}

/**
 * Checks TASKOMATIC_ELECTRON_DIST before a build, so a typo or a damaged zip stops it at once.
 * @param {string} version @param {NodeJS.ProcessEnv} [env]
 * @returns {string[]} what is wrong (empty when fine or unset)
 */
function checkConfiguredDist(version, env = process.env) {
  const configured = env[ENV_VAR];
  if (!configured) return [];
  const dir = path.resolve(configured);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [`${ENV_VAR}=${configured}: no such folder`];
  const zips = readdirSync(dir).filter((name) => name.startsWith(`electron-v${version}-`) && name.endsWith('.zip'));
  if (zips.length > 0) return zips.map((name) => zipProblem(path.join(dir, name))).filter((p) => p !== null);
  const hasExecutable = Object.values(EXECUTABLES).some((exe) => existsSync(path.join(dir, exe)));
  return hasExecutable ? [] : [`${ENV_VAR}=${configured} holds neither electron-v${version}-*.zip nor an unpacked Electron`];
}

module.exports = { ENV_VAR, electronDistFor, checkConfiguredDist, pinnedChecksums, unpackedProblem, zipName };
