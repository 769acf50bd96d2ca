import { quote } from './parse-error.js';
import type { Reject } from './xml-scanner.js';
import { trimXmlSpace } from './xml-space.js';

// Each pattern is a single pass: no two quantifiers can match the same characters, so there is no backtracking
// to speak of, however long the text.
const INTEGER = /^[+-]?[0-9]+$/;
const DECIMAL = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;

/** `<int>` or `<i4>`: a 32-bit signed integer; surrounding whitespace is allowed, as Python and Java allow it. */
export function parseInt32(raw: string, tag: string, reject: Reject): number {
  const text = trimXmlSpace(raw);
  if (!INTEGER.test(text)) reject('bad-value', `<${tag}> holds ${quote(text)}, not an integer`);
  const value = Number(text);
  if (value < INT32_MIN || value > INT32_MAX) {
    reject('bad-value', `<${tag}> holds ${quote(text)}, outside the 32-bit range ${INT32_MIN}..${INT32_MAX} (send <i8> for larger numbers)`);
  }
  return value === 0 ? 0 : value; // never -0
}

/**
 * `<i8>` (or Apache's `<ex:i8>`): a 64-bit integer on the wire, read only within ±(2^53-1), the integers a
 * JavaScript number holds exactly; beyond that it is refused rather than silently rounded.
 */
export function parseInt64(raw: string, tag: string, reject: Reject): number {
  const text = trimXmlSpace(raw);
  if (!INTEGER.test(text)) reject('bad-value', `<${tag}> holds ${quote(text)}, not an integer`);
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    reject('bad-value', `<${tag}> holds ${quote(text)}, beyond ±${Number.MAX_SAFE_INTEGER} (2^53-1), the largest integer this server reads exactly`);
  }
  return value === 0 ? 0 : value;
}

/** `<double>`: decimal notation, with an exponent as Python writes for large values; NaN and infinities are refused. */
export function parseDouble(raw: string, reject: Reject): number {
  const text = trimXmlSpace(raw);
  if (!DECIMAL.test(text)) reject('bad-value', `<double> holds ${quote(text)}, not a decimal number`);
  const value = Number(text);
  if (!Number.isFinite(value)) reject('bad-value', `<double> holds ${quote(text)}, beyond the range of a double`);
  return value;
}

/** `<boolean>`: `1` or `0`, nothing else (the spec's only two values). */
export function parseBoolean(raw: string, reject: Reject): boolean {
  const text = trimXmlSpace(raw);
  if (text === '1') return true;
  if (text === '0') return false;
  return reject('bad-value', `<boolean> holds ${quote(text)}, not 1 or 0`);
}

/**
 * `<base64>`: the standard alphabet, padded or not, with whitespace anywhere (Python wraps lines at 76
 * characters). Decodes into a `Uint8Array` of its own. Over `maxBytes` decoded bytes is refused before decoding.
 */
export function parseBase64(raw: string, maxBytes: number, reject: Reject): Uint8Array {
  const text = /[ \n\t]/.test(raw) ? raw.replace(/[ \n\t]+/g, '') : raw;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  if (!BASE64.test(text) || text.length % 4 === 1 || (padding > 0 && text.length % 4 !== 0)) {
    reject('bad-value', `<base64> holds ${quote(text)}, not base64`);
  }
  const bytes = Math.floor((text.length * 3) / 4) - padding;
  if (bytes > maxBytes) reject('too-large', `a base64 value of ${bytes} bytes is over the limit of ${maxBytes}`);
  // Node's decoder may return a view on a shared pool; copy so that the value owns exactly its bytes.
  return new Uint8Array(Buffer.from(text, 'base64'));
}
