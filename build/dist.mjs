// `npm run dist`: builds the workspaces, stages and checks the app, then has electron-builder make the
// installers into build/out/. Arguments go to electron-builder, e.g.
//   npm run dist                       this OS's installers (Linux: AppImage + deb, Windows: NSIS, macOS: dmg)
//   npm run dist -- --linux --win      several OSes from one machine (see PACKAGING.md for what each needs)
//   npm run dist -- --linux --arm64    another CPU
//   npm run dist -- --dir              only the unpacked app (build/out/*-unpacked), to try it without installing
// `--skip-build` reuses the current build outputs.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkStagedApp } from './check-staged-app.mjs';
import { checkConfiguredDist, ENV_VAR } from './electron-dist.cjs';
import product from './product.cjs';
import { stageApp } from './stage-app.mjs';

const BUILD_DIR = fileURLToPath(new URL('.', import.meta.url));
const args = process.argv.slice(2);
const builderArgs = args.filter((arg) => arg !== '--skip-build');

/** Runs a command without a shell, output straight to the terminal; stops everything if it fails. */
function run(/** @type {string} */ what, /** @type {string} */ command, /** @type {string[]} */ commandArgs, /** @type {string} */ cwd) {
  const result = spawnSync(command, commandArgs, { cwd, stdio: 'inherit' });
  if (result.error) throw new Error(`${what}: ${result.error.message}`, { cause: result.error });
  if (result.status !== 0) throw new Error(`${what} failed (exit ${result.status ?? result.signal})`);
}

try {
  if (!args.includes('--skip-build')) {
    console.log('\n== Build (npm run build)');
    // npm_execpath is npm's own script when run through `npm run dist`: no shell, no npm.cmd lookup on Windows.
    const npm = process.env.npm_execpath;
    if (npm) run('npm run build', process.execPath, [npm, 'run', 'build'], product.ROOT);
    else run('npm run build', process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], product.ROOT);
  }

  console.log('\n== Stage the app (build/stage/)');
  const { stageDir, files } = await stageApp();
  console.log(`${files.length} files in ${stageDir}`);

  console.log('\n== Check the staged app');
  for (const line of await checkStagedApp(stageDir)) console.log(`ok  ${line}`);

  const distProblems = checkConfiguredDist(product.electronVersion);
  if (distProblems.length > 0) throw new Error(`${ENV_VAR} cannot be used:\n  ${distProblems.join('\n  ')}`);
  if (product.placeholders.length > 0) {
    console.warn(`\nNote: package.json has no ${product.placeholders.join(' or ')}; the installers carry placeholders (${product.author.email}, ${product.homepage}).`);
  }

  console.log(`\n== Package with electron-builder (Electron ${product.electronVersion})`);
  const cli = createRequire(import.meta.url).resolve('electron-builder/cli.js');
  run('electron-builder', process.execPath, [cli, '--config', 'electron-builder.config.cjs', '--projectDir', BUILD_DIR, '--publish', 'never', ...builderArgs], BUILD_DIR);

  const outDir = path.join(BUILD_DIR, 'out');
  const artifacts = readdirSync(outDir).filter((name) => /\.(AppImage|deb|exe|dmg)$/.test(name));
  console.log(`\nInstallers in ${outDir}:\n  ${artifacts.join('\n  ') || '(none: --dir makes only the unpacked app)'}`);
} catch (error) {
  console.error(`\nnpm run dist stopped: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
