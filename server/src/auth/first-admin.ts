import { randomInt } from 'node:crypto';
import { chmodSync, closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { AuthService } from './auth-service.js';

/** The satellite admin a new data folder gets. */
export const FIRST_ADMIN = 'admin';
/** Where a generated first password is written, in the data folder. */
export const INITIAL_PASSWORD_FILE = 'initial-admin-password';

const GENERATED_LENGTH = 24;
/** Letters and digits without the look-alikes (0/O, 1/l/I): the password may be read off a screen. */
const ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export interface FirstAdmin {
  readonly created: boolean;
  readonly username: string;
  /** The file holding the generated password (absent when a password was given or nothing was created). */
  readonly passwordFile?: string;
}

/**
 * Gives a satellite without any user its first satellite admin, `admin`: with `options.password` when given,
 * else with a generated one (24 characters, ~140 bits) written to `DATA/initial-admin-password`, readable by
 * the server's user only. The caller says where the file is; the password itself is never logged. Does
 * nothing once any user exists (also one added with `taskomatic-server user add` before the first start).
 */
export async function ensureFirstAdmin(service: AuthService, dataDir: string, options: { readonly password?: string } = {}): Promise<FirstAdmin> {
  if (await service.hasUsers()) return { created: false, username: FIRST_ADMIN };
  if (options.password !== undefined) {
    await service.createUser({ username: FIRST_ADMIN, password: options.password, role: 'sat-admin' }, 'installer');
    return { created: true, username: FIRST_ADMIN };
  }
  const password = Array.from({ length: GENERATED_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  const passwordFile = join(dataDir, INITIAL_PASSWORD_FILE);
  // Written before the user exists: a crash in between leaves a file for nobody, never a user nobody can log in as.
  writePrivateFile(passwordFile, `${password}\n`);
  try {
    await service.createUser({ username: FIRST_ADMIN, password, role: 'sat-admin' }, 'installer');
  } catch (error) {
    rmSync(passwordFile, { force: true });
    throw error;
  }
  return { created: true, username: FIRST_ADMIN, passwordFile };
}

/** Writes a new file with mode 0600, replacing an earlier one (whose mode might have been opened up). */
function writePrivateFile(file: string, content: string): void {
  rmSync(file, { force: true });
  const fd = openSync(file, 'wx', 0o600);
  try {
    chmodSync(file, 0o600);
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
}
