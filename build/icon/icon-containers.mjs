// The icon files Windows and macOS want, assembled from pixels and PNGs.

/**
 * A Windows .ico with every image as an uncompressed 32-bit bitmap. PNG-compressed entries would be smaller,
 * but bitmaps are what every consumer reads (resource editors, NSIS's installer and uninstaller icons).
 * @param {ReadonlyArray<{ readonly size: number, readonly rgba: Buffer }>} images each ≤ 256 px, RGBA
 * @returns {Buffer}
 */
export function encodeIco(images) {
  const bitmaps = images.map(({ size, rgba }) => {
    if (size > 256) throw new Error(`An .ico image is at most 256 px, not ${size}`);
    return { size, data: bitmap(size, rgba) };
  });
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(bitmaps.length, 4);
  let offset = 6 + 16 * bitmaps.length;
  const entries = bitmaps.map(({ size, data }) => {
    const entry = Buffer.alloc(16);
    entry[0] = size === 256 ? 0 : size; // 0 means 256
    entry[1] = size === 256 ? 0 : size;
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(data.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += data.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...bitmaps.map((b) => b.data)]);
}

/** A BITMAPINFOHEADER, BGRA rows bottom-up, then the 1-bit AND mask (all zero: the alpha channel decides). */
function bitmap(/** @type {number} */ size, /** @type {Buffer} */ rgba) {
  const info = Buffer.alloc(40);
  info.writeUInt32LE(40, 0);
  info.writeInt32LE(size, 4);
  info.writeInt32LE(size * 2, 8); // height counts the colour rows and the mask rows
  info.writeUInt16LE(1, 12);
  info.writeUInt16LE(32, 14);
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const from = (y * size + x) * 4;
      const to = ((size - 1 - y) * size + x) * 4;
      pixels[to] = rgba[from + 2];
      pixels[to + 1] = rgba[from + 1];
      pixels[to + 2] = rgba[from];
      pixels[to + 3] = rgba[from + 3];
    }
  }
  const maskRowBytes = Math.ceil(size / 32) * 4;
  info.writeUInt32LE(pixels.length + maskRowBytes * size, 20);
  return Buffer.concat([info, pixels, Buffer.alloc(maskRowBytes * size)]);
}

/**
 * The PNG-carrying element types of a macOS .icns and the pixel size each holds (the types for
 * Retina screens hold twice their point size). PNG in every type is read by macOS 10.7 and later.
 */
export const ICNS_TYPES = Object.freeze([
  { type: 'icp4', pixels: 16 }, { type: 'icp5', pixels: 32 }, { type: 'ic11', pixels: 32 },
  { type: 'icp6', pixels: 64 }, { type: 'ic12', pixels: 64 }, { type: 'ic07', pixels: 128 },
  { type: 'ic08', pixels: 256 }, { type: 'ic13', pixels: 256 }, { type: 'ic09', pixels: 512 },
  { type: 'ic14', pixels: 512 }, { type: 'ic10', pixels: 1024 },
]);

/**
 * @param {(pixels: number) => Buffer} pngOfSize the PNG file for a pixel size
 * @returns {Buffer} an .icns holding every type of ICNS_TYPES
 */
export function encodeIcns(pngOfSize) {
  const elements = ICNS_TYPES.map(({ type, pixels }) => {
    const png = pngOfSize(pixels);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + elements.reduce((sum, e) => sum + e.length, 0), 4);
  return Buffer.concat([head, ...elements]);
}
