// Bundles the renderer with esbuild into dist/: index.html, app.js, app.css. `--watch` rebuilds on change.
import { copyFile, mkdir } from 'node:fs/promises';
import { context } from 'esbuild';

const here = (file) => new URL(file, import.meta.url).pathname;
await mkdir(here('./dist'), { recursive: true });
await copyFile(here('./src/index.html'), here('./dist/index.html'));
const builder = await context({
  entryPoints: { app: here('./src/main.tsx') },
  outdir: here('./dist'),
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'chrome130',
  jsx: 'automatic',
  conditions: ['source'],
  sourcemap: 'linked',
  minify: process.argv.includes('--minify'),
  define: { 'process.env.NODE_ENV': JSON.stringify(process.argv.includes('--watch') ? 'development' : 'production') },
  logLevel: 'warning',
});
if (process.argv.includes('--watch')) {
  await builder.watch();
} else {
  await builder.rebuild();
  await builder.dispose();
}
