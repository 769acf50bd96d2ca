// electron-builder configuration of the Taskomatic desktop app. Paths are relative to this folder (the build
// workspace), which `dist.mjs` passes as the project directory. The app itself is the staged folder that
// `stage-app.mjs` writes: one bundled main process, the preload, the renderer, and a package.json without
// dependencies, so no node_modules (and no native module) can reach an installer.
const { electronDistFor, pinnedChecksums } = require('./electron-dist.cjs');
const product = require('./product.cjs');

// Signing happens only when its credentials are in the environment (see PACKAGING.md); otherwise every
// installer is unsigned, and macOS apps are signed ad hoc so they start on Apple silicon at all.
const macSigned = Boolean(process.env.CSC_LINK || process.env.CSC_NAME);
const checksums = pinnedChecksums();

/** @type {import('app-builder-lib').Configuration} */
module.exports = {
  appId: product.appId,
  productName: product.productName,
  electronVersion: product.electronVersion,
  electronDist: (/** @type {{ platformName: string, arch: string, version: string }} */ target) => electronDistFor(target),
  // Downloads are checked against the sums the electron npm package pins, without fetching SHASUMS256.txt
  // (when that package is missing, electron-builder falls back to fetching them).
  electronDownload: Object.keys(checksums).length > 0 ? { checksums } : undefined,
  directories: { app: 'stage', output: 'out', buildResources: 'resources' },
  files: ['package.json', 'electron/package.json', 'electron/dist/**', 'renderer/dist/**'],
  asar: true,
  npmRebuild: false,
  nodeGypRebuild: false,
  artifactName: '${productName}-${version}-${os}-${arch}.${ext}',
  publish: null,
  afterExtract: './after-extract.cjs',
  // Electron's security fuses: no "run as plain Node", no NODE_OPTIONS or --inspect, the app only from its
  // checked app.asar. file:// keeps its extra privileges: the renderer's ES module loads from file://.
  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
  },

  linux: {
    target: [{ target: 'AppImage', arch: ['x64'] }, { target: 'deb', arch: ['x64'] }],
    icon: 'icons',
    executableName: product.executableName,
    syncDesktopName: true,
    category: 'System',
    synopsis: product.synopsis,
    description: product.description,
    maintainer: `${product.author.name} <${product.author.email}>`,
    vendor: product.author.name,
  },
  deb: {
    packageName: product.executableName,
    packageCategory: 'admin',
    priority: 'optional',
    // electron-builder's default depends (GTK, NSS, libsecret for the keyring...) stand; no tray, so no appindicator.
    recommends: [],
  },
  appImage: { category: 'System', synopsis: product.synopsis },

  win: {
    target: [{ target: 'nsis', arch: ['x64'] }],
    icon: 'icon.ico',
  },
  nsis: {
    // One click, for the current user only: no administrator rights needed, installs under %LOCALAPPDATA%.
    oneClick: true,
    perMachine: false,
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
    shortcutName: product.productName,
    runAfterFinish: true,
    // Uninstalling keeps the saved satellites (and their sealed passwords) for a reinstall.
    deleteAppDataOnUninstall: false,
    differentialPackage: false,
  },

  mac: {
    target: [{ target: 'dmg', arch: ['x64', 'arm64'] }],
    icon: 'icon.icns',
    category: 'public.app-category.developer-tools',
    identity: macSigned ? undefined : '-',
    // The hardened runtime is for notarised builds; an ad hoc signature with it would refuse Electron's frameworks.
    hardenedRuntime: macSigned,
    entitlements: 'resources/entitlements.mac.plist',
    entitlementsInherit: 'resources/entitlements.mac.plist',
  },
  dmg: {
    window: { width: 540, height: 380 },
    iconSize: 96,
    contents: [
      { x: 140, y: 180, type: 'file' },
      { x: 400, y: 180, type: 'link', path: '/Applications' },
    ],
    writeUpdateInfo: false,
  },
};
