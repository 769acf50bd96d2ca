// The committed icons are what the design draws, in files Windows, macOS and Linux can read.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ICNS_TYPES, encodeIco } from '../icon/icon-containers.mjs';
import { iconLayers, toSvg } from '../icon/icon-design.mjs';
import { encodePng } from '../icon/png-encode.mjs';
import { rasterize } from '../icon/rasterize.mjs';
import { LINUX_SIZES, WINDOWS_SIZES } from '../make-icons.mjs';
import { decodePng } from './png-decode.mjs';

const resource = (/** @type {string} */ name) => readFileSync(new URL(`../resources/${name}`, import.meta.url));

describe('PNG writer', () => {
  it('writes pixels that read back unchanged, with valid chunk CRCs', () => {
    const rgba = Buffer.from(Array.from({ length: 3 * 2 * 4 }, (_, i) => (i * 37) % 256));
    expect(decodePng(encodePng(rgba, 3, 2))).toEqual({ width: 3, height: 2, rgba });
  });
});

describe('committed icons', () => {
  it('icon.svg is the design', () => {
    expect(resource('icon.svg').toString()).toBe(toSvg(iconLayers('default')));
  });

  it.each(LINUX_SIZES)('icons/NxN.png holds the design at %i px', (size) => {
    const png = decodePng(resource(`icons/${size}x${size}.png`));
    expect(png.width).toBe(size);
    expect(png.rgba.equals(rasterize(iconLayers('default'), size))).toBe(true);
  });

  it('icon.ico holds 16 to 256 px bitmaps of the design', () => {
    const ico = resource('icon.ico');
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, WINDOWS_SIZES.length]);
    const sizes = WINDOWS_SIZES.map((_, i) => ico[6 + 16 * i] || 256);
    expect(sizes).toEqual([...WINDOWS_SIZES]);
    const rebuilt = encodeIco(WINDOWS_SIZES.map((size) => ({ size, rgba: rasterize(iconLayers('default'), size) })));
    expect(ico.equals(rebuilt)).toBe(true);
  });

  it('icon.icns holds a PNG of the right size for every type, on the macOS grid', () => {
    const icns = resource('icon.icns');
    expect(icns.toString('latin1', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const found = [];
    for (let offset = 8; offset < icns.length; offset += icns.readUInt32BE(offset + 4)) {
      const type = icns.toString('latin1', offset, offset + 4);
      const png = decodePng(icns.subarray(offset + 8, offset + icns.readUInt32BE(offset + 4)));
      expect(png.width, type).toBe(ICNS_TYPES.find((t) => t.type === type)?.pixels);
      if (png.width === 128) expect(png.rgba.equals(rasterize(iconLayers('mac'), 128))).toBe(true);
      found.push(type);
    }
    expect(found).toEqual(ICNS_TYPES.map((t) => t.type));
  });

  it('keeps the macOS tile inside Apple’s grid: the outer 100 of 1024 units are transparent', () => {
    const size = 64;
    const rgba = rasterize(iconLayers('mac'), size);
    const margin = Math.floor((100 / 1024) * size) - 1;
    for (let i = 0; i < size; i++) {
      expect(rgba[(margin * size + i) * 4 + 3]).toBe(0);
      expect(rgba[(i * size + margin) * 4 + 3]).toBe(0);
    }
  });
});
