// Which CPU an executable is built for, read from its header (ELF, PE or Mach-O), so a local Electron for the
// wrong architecture is never packaged into an installer that cannot start.
const { openSync, readSync, closeSync } = require('node:fs');

/** @type {Readonly<Record<number, string>>} */
const ELF_MACHINES = { 0x03: 'ia32', 0x28: 'armv7l', 0x3e: 'x64', 0xb7: 'arm64' };
/** @type {Readonly<Record<number, string>>} */
const PE_MACHINES = { 0x014c: 'ia32', 0x8664: 'x64', 0xaa64: 'arm64' };
/** @type {Readonly<Record<number, string>>} */
const MACH_CPUS = { 0x01000007: 'x64', 0x0100000c: 'arm64' };

/**
 * @param {string} file an executable
 * @returns {string | null} electron-builder's arch name (x64, arm64, ia32, armv7l), 'universal' for a macOS fat
 *   binary, or null when the header is not one of these
 */
function binaryArch(file) {
  const head = Buffer.alloc(4096);
  const fd = openSync(file, 'r');
  let length;
  try {
    length = readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (length >= 20 && head.readUInt32BE(0) === 0x7f454c46) {
    const machine = head[5] === 2 ? head.readUInt16BE(18) : head.readUInt16LE(18);
    return ELF_MACHINES[machine] ?? null;
  }
  if (length >= 64 && head.toString('latin1', 0, 2) === 'MZ') {
    const pe = head.readUInt32LE(0x3c);
    if (pe + 6 > length || head.readUInt32BE(pe) !== 0x50450000) return null;
    return PE_MACHINES[head.readUInt16LE(pe + 4)] ?? null;
  }
  if (length >= 8 && head.readUInt32LE(0) === 0xfeedfacf) return MACH_CPUS[head.readUInt32LE(4)] ?? null;
  if (length >= 8 && head.readUInt32BE(0) === 0xcafebabe) return 'universal';
  return null;
}

module.exports = { binaryArch };
