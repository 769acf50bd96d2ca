import { randomBytes, scrypt, type ScryptOptions, timingSafeEqual } from 'node:crypto';

/**
 * Passwords are stored as salted scrypt hashes in a self-describing string, `scrypt$N$r$p$salt$hash` (salt and
 * hash in base64), so the cost can be raised later: old hashes still verify with their own parameters, and
 * `needsRehash` tells the login to store a new one.
 */
export interface ScryptParams {
  /** CPU and memory cost, a power of two: memory is 128 * N * r bytes. */
  readonly N: number;
  /** Block size. */
  readonly r: number;
  /** Parallelisation: Node computes the p lanes one after the other, so time grows with p, memory does not. */
  readonly p: number;
}

/**
 * N=2^14, r=8, p=3: 16 MiB per hash, about 85 ms on the 2-core reference machine. N=2^15 (32 MiB) measured
 * 145 ms there, not 2x but 4.5x the cost of 2^14, as the working set falls out of the cache; p=3 buys the time
 * instead. This is OWASP's "N=2^14, r=8, p=5" family at a lower p.
 */
export const CURRENT_PARAMS: ScryptParams = Object.freeze({ N: 2 ** 14, r: 8, p: 3 });

const KEY_BYTES = 32;
const SALT_BYTES = 16;
/** A stored hash asking for more than this is refused rather than computed (a tampered row must not stall the server). */
const LIMITS = { maxLogN: 20, maxR: 32, maxP: 16 } as const;

/** Shortest password accepted, in characters (default policy). */
export const PASSWORD_MIN = 12;
/** Longest password accepted, in characters. */
export const PASSWORD_MAX = 1024;

/**
 * Why a password is refused, or null when it is acceptable. The rules, and why:
 * - at least 12 characters: the hash slows guessing down, it cannot save a short password; length is the one
 *   rule that measurably helps (NIST SP 800-63B), so there are no composition rules (digits, symbols);
 * - at most 1024: long passphrases are welcome, but the input is bounded (the API caps strings too);
 * - no control characters: a stray newline or NUL from a paste or a script makes a password nobody can type
 *   again; spaces and every other Unicode character are fine. Text is compared in Unicode NFC, so the same
 *   passphrase typed on systems that compose accents differently still matches.
 */
export function passwordProblem(plain: string): string | null {
  // A lone surrogate (\p{Cs}) would be stored as U+FFFD, making different passwords equal.
  if (/[\p{Cc}\p{Cs}]/u.test(plain)) return 'A password cannot contain control characters (tab, newline, NUL, ...)';
  const length = [...plain.normalize('NFC')].length;
  if (length < PASSWORD_MIN) return `A password needs at least ${PASSWORD_MIN} characters (this one has ${length})`;
  if (length > PASSWORD_MAX) return `A password can have at most ${PASSWORD_MAX} characters (this one has ${length})`;
  return null;
}

/** Hashes a password with a fresh random salt and the current parameters. */
export async function hashPassword(plain: string, params: ScryptParams = CURRENT_PARAMS): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(plain, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

/** True when `plain` is the password `encoded` was made from; false for a wrong password or an unreadable hash. */
export async function verifyPassword(plain: string, encoded: string): Promise<boolean> {
  const parsed = parseHash(encoded);
  if (!parsed) return false;
  const hash = await derive(plain, parsed.salt, parsed.params);
  return hash.length === parsed.hash.length && timingSafeEqual(hash, parsed.hash);
}

/**
 * A hash no password matches, with the current parameters: a login for an unknown user verifies against it,
 * so it takes as long as a login for a known one and the answer time does not tell which names exist.
 */
export function unmatchableHash(): string {
  const { N, r, p } = CURRENT_PARAMS;
  return ['scrypt', N, r, p, randomBytes(SALT_BYTES).toString('base64'), randomBytes(KEY_BYTES).toString('base64')].join('$');
}

/** True when a stored hash was made with other parameters than the current ones (or cannot be read). */
export function needsRehash(encoded: string): boolean {
  const parsed = parseHash(encoded);
  return !parsed || parsed.params.N !== CURRENT_PARAMS.N || parsed.params.r !== CURRENT_PARAMS.r || parsed.params.p !== CURRENT_PARAMS.p;
}

function derive(plain: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(plain.normalize('NFC'), salt, KEY_BYTES, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

function parseHash(encoded: string): { params: ScryptParams; salt: Buffer; hash: Buffer } | null {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map((n) => (/^\d{1,8}$/.test(n ?? '') ? Number(n) : Number.NaN));
  if (N === undefined || r === undefined || p === undefined) return null;
  const logN = Math.log2(N);
  if (!Number.isInteger(logN) || logN < 1 || logN > LIMITS.maxLogN) return null;
  if (!(r >= 1 && r <= LIMITS.maxR && p >= 1 && p <= LIMITS.maxP)) return null;
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const hash = Buffer.from(parts[5] ?? '', 'base64');
  if (salt.length === 0 || hash.length === 0) return null;
  return { params: { N, r, p }, salt, hash };
}
