// electron-builder's afterExtract hook, run once Electron is in place and before the app is added. An Electron
// taken unpacked from a local folder (see electron-dist.cjs) still carries its demo app (default_app.asar) and
// a `version` file, which electron-builder removes only from a downloaded zip: take them out here, so every
// installer holds the same files whichever way Electron came, and the asar integrity data lists only app.asar.
const { rm } = require('node:fs/promises');
const path = require('node:path');

/** @param {import('app-builder-lib').AfterExtractContext} context */
exports.default = async function removeElectronLeftovers(context) {
  const mac = context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas';
  // Before packing, the macOS bundle still has Electron's own name; it is renamed to the product's later.
  const resources = mac ? path.join(context.appOutDir, 'Electron.app', 'Contents', 'Resources') : path.join(context.appOutDir, 'resources');
  await rm(path.join(resources, 'default_app.asar'), { force: true });
  if (!mac) await rm(path.join(context.appOutDir, 'version'), { force: true });
};
