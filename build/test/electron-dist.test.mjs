// Which Electron goes into an installer: a local one only when it fits the target exactly.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { ENV_VAR, checkConfiguredDist, electronDistFor, zipName } from '../electron-dist.cjs';
import product from '../product.cjs';

const version = product.electronVersion;
const linuxX64 = { platformName: 'linux', arch: 'x64', version };

/** @type {string[]} */
const made = [];
const tempDir = (/** @type {string} */ prefix) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
};
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** An unpacked Linux Electron: an ELF header for the CPU and the `version` file the official zips carry. */
function unpackedLinux(/** @type {number} */ machine, /** @type {string} */ distVersion = version) {
  const dir = tempDir('electron-dist-');
  const elf = Buffer.alloc(64);
  elf.writeUInt32BE(0x7f454c46, 0);
  elf[5] = 1;
  elf.writeUInt16LE(machine, 18);
  writeFileSync(path.join(dir, 'electron'), elf);
  writeFileSync(path.join(dir, 'version'), `${distVersion}\n`);
  return dir;
}

afterEach(() => vi.restoreAllMocks());

describe('electronDistFor with TASKOMATIC_ELECTRON_DIST', () => {
  it('uses an unpacked Electron of the right version, platform and CPU', () => {
    const dir = unpackedLinux(0x3e);
    expect(electronDistFor(linuxX64, { [ENV_VAR]: dir })).toBe(dir);
  });

  it.each([
    ['another CPU', { ...linuxX64, arch: 'arm64' }, unpackedLinux(0x3e)],
    ['another version', linuxX64, unpackedLinux(0x3e, '44.0.0')],
    ['another platform', { ...linuxX64, platformName: 'win32' }, unpackedLinux(0x3e)],
  ])('falls back to the download, saying why, for %s', (_, target, dir) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(electronDistFor(target, { [ENV_VAR]: dir })).toBeNull();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(`${ENV_VAR} not used for ${target.platformName}-${target.arch}`));
  });

  it('refuses an official zip whose checksum is not the pinned one', () => {
    const dir = tempDir('electron-zips-');
    writeFileSync(path.join(dir, zipName(version, 'linux', 'x64')), 'not the real zip');
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(electronDistFor(linuxX64, { [ENV_VAR]: dir })).toBeNull();
    expect(checkConfiguredDist(version, { [ENV_VAR]: dir })).toEqual([expect.stringContaining('SHA-256')]);
  });
});

describe('checkConfiguredDist', () => {
  it('is quiet when the variable is unset or fits', () => {
    expect(checkConfiguredDist(version, {})).toEqual([]);
    expect(checkConfiguredDist(version, { [ENV_VAR]: unpackedLinux(0x3e) })).toEqual([]);
  });

  it('stops a build on a folder that is not there or holds no Electron', () => {
    const empty = tempDir('electron-empty-');
    mkdirSync(path.join(empty, 'resources'));
    expect(checkConfiguredDist(version, { [ENV_VAR]: path.join(empty, 'nope') })).toEqual([expect.stringContaining('no such folder')]);
    expect(checkConfiguredDist(version, { [ENV_VAR]: empty })).toEqual([expect.stringContaining('neither')]);
  });
});

describe('electronDistFor without the variable', () => {
  it('never takes an installed Electron of another version', () => {
    expect(electronDistFor({ ...linuxX64, version: '0.0.1' }, {})).toBeNull();
  });
});
