// What the installers say about the app, in one place: read by the electron-builder configuration and by the
// staging script (which writes it into the packaged app's package.json).
const { readFileSync } = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const readJson = (/** @type {string} */ file) => JSON.parse(readFileSync(path.join(ROOT, file), 'utf8'));
const root = readJson('package.json');
const electronPackage = readJson('electron/package.json');

// Used while the root package.json has no "author" or "homepage": a Debian package must name a maintainer with
// an address and a homepage. `.invalid` can never resolve, so a placeholder cannot pass for a real address.
const PLACEHOLDER_AUTHOR = Object.freeze({ name: 'Taskomatic maintainers', email: 'maintainers@taskomatic.invalid' });
const PLACEHOLDER_HOMEPAGE = 'https://taskomatic.invalid/';

/** @returns {{ readonly name: string, readonly email: string }} */
function authorOf(/** @type {unknown} */ author) {
  if (typeof author === 'string') {
    const m = /^\s*([^<]+?)\s*<([^>]+)>/.exec(author);
    if (m) return { name: m[1], email: m[2] };
  } else if (author && typeof author === 'object' && 'name' in author && 'email' in author) {
    return { name: String(author.name), email: String(author.email) };
  }
  return PLACEHOLDER_AUTHOR;
}

const author = authorOf(root.author);
const homepage = typeof root.homepage === 'string' && root.homepage ? root.homepage : PLACEHOLDER_HOMEPAGE;

/** @returns {string} the exact Electron version the app is built and tested with (electron/package.json) */
function pinnedElectronVersion() {
  const pinned = electronPackage.devDependencies?.electron;
  if (typeof pinned !== 'string' || !/^\d+\.\d+\.\d+$/.test(pinned)) {
    throw new Error(`electron/package.json must pin electron to an exact version (found ${JSON.stringify(pinned)})`);
  }
  return pinned;
}

module.exports = Object.freeze({
  ROOT,
  /** Reverse-DNS identity: macOS bundle id, Windows AppUserModelID. Never change it after a release. */
  appId: 'org.taskomatic.desktop',
  productName: 'Taskomatic',
  /** Linux executable, .desktop file and WM_CLASS (lower case, no spaces). */
  executableName: 'taskomatic',
  /** One version for the whole product: the root package.json's. */
  version: String(root.version),
  /** What the app itself reports as its version (electron/src/app-version.ts reads electron/package.json). */
  appVersion: String(electronPackage.version),
  description: 'The desktop app of Taskomatic: the schedules, runs and logs of a fleet of Satellite servers',
  synopsis: 'Manage the schedules of a fleet of Satellite servers',
  license: String(root.license),
  homepage,
  author,
  /** The package.json fields still standing in for real ones (installers show them). */
  placeholders: Object.freeze([...(author === PLACEHOLDER_AUTHOR ? ['author'] : []), ...(homepage === PLACEHOLDER_HOMEPAGE ? ['homepage'] : [])]),
  electronVersion: pinnedElectronVersion(),
});
