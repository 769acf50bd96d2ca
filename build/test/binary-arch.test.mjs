import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { binaryArch } from '../binary-arch.cjs';

const dir = mkdtempSync(path.join(os.tmpdir(), 'binary-arch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (/** @type {string} */ name, /** @type {Buffer} */ bytes) => {
  const target = path.join(dir, name);
  writeFileSync(target, bytes);
  return target;
};

function elf(/** @type {number} */ machine) {
  const b = Buffer.alloc(64);
  b.writeUInt32BE(0x7f454c46, 0);
  b[5] = 1; // little-endian
  b.writeUInt16LE(machine, 18);
  return b;
}

function pe(/** @type {number} */ machine) {
  const b = Buffer.alloc(256);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.writeUInt32BE(0x50450000, 0x80);
  b.writeUInt16LE(machine, 0x84);
  return b;
}

function macho(/** @type {number} */ cpu) {
  const b = Buffer.alloc(32);
  b.writeUInt32LE(0xfeedfacf, 0);
  b.writeUInt32LE(cpu, 4);
  return b;
}

describe('binaryArch', () => {
  it.each([
    ['ELF x86-64', elf(0x3e), 'x64'],
    ['ELF aarch64', elf(0xb7), 'arm64'],
    ['PE x64', pe(0x8664), 'x64'],
    ['PE arm64', pe(0xaa64), 'arm64'],
    ['Mach-O x86_64', macho(0x01000007), 'x64'],
    ['Mach-O arm64', macho(0x0100000c), 'arm64'],
    ['Mach-O fat', Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 2]), 'universal'],
    ['a shell script', Buffer.from('#!/bin/sh\necho hi\n'), null],
  ])('reads %s', (name, bytes, arch) => {
    expect(binaryArch(file(name.replace(/\W/g, '-'), bytes))).toBe(arch);
  });

  it('reads the running Node', () => {
    expect(binaryArch(process.execPath)).toBe(process.arch);
  });
});
