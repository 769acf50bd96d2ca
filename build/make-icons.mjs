// Writes the app's icons into build/resources/ from the design in icon/icon-design.mjs:
//   icon.svg              the design (scalable; Linux desktops can use it)
//   icons/NxN.png         Linux (AppImage, deb): 16 to 512 px
//   icon.ico              Windows (app, NSIS installer and uninstaller): 16 to 256 px
//   icon.icns             macOS (app and dmg): 16 to 1024 px, on Apple's icon grid
// The outputs are committed; run `node build/make-icons.mjs` after changing the design.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeIcns, encodeIco } from './icon/icon-containers.mjs';
import { iconLayers, toSvg } from './icon/icon-design.mjs';
import { encodePng } from './icon/png-encode.mjs';
import { rasterize } from './icon/rasterize.mjs';

export const LINUX_SIZES = Object.freeze([16, 24, 32, 48, 64, 128, 256, 512]);
export const WINDOWS_SIZES = Object.freeze([16, 24, 32, 48, 64, 128, 256]);

/**
 * @param {string} outDir where icon.svg, icon.ico, icon.icns and icons/ go
 * @returns {Promise<ReadonlyArray<string>>} the files written
 */
export async function makeIcons(outDir) {
  const plain = iconLayers('default');
  const mac = iconLayers('mac');
  const memo = new Map();
  /** @param {'default' | 'mac'} variant @param {number} size */
  const pixels = (variant, size) => {
    const key = `${variant}-${size}`;
    if (!memo.has(key)) memo.set(key, rasterize(variant === 'mac' ? mac : plain, size));
    return memo.get(key);
  };
  /** @type {string[]} */
  const written = [];
  const write = async (/** @type {string} */ name, /** @type {string | Buffer} */ data) => {
    await writeFile(path.join(outDir, name), data);
    written.push(name);
  };
  await rm(path.join(outDir, 'icons'), { recursive: true, force: true });
  await mkdir(path.join(outDir, 'icons'), { recursive: true });
  await write('icon.svg', toSvg(plain));
  for (const size of LINUX_SIZES) await write(`icons/${size}x${size}.png`, encodePng(pixels('default', size), size, size));
  await write('icon.ico', encodeIco(WINDOWS_SIZES.map((size) => ({ size, rgba: pixels('default', size) }))));
  await write('icon.icns', encodeIcns((size) => encodePng(pixels('mac', size), size, size)));
  return written;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outDir = fileURLToPath(new URL('./resources/', import.meta.url));
  const started = Date.now();
  const written = await makeIcons(outDir);
  console.log(`Wrote ${written.length} icon files to ${outDir} in ${Date.now() - started} ms`);
}
