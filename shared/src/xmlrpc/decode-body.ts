import { isUtf8 } from 'node:buffer';
import { failAt, quote, XmlRpcParseError } from './parse-error.js';
import { readDeclaration } from './xml-declaration.js';

/**
 * Declared encodings we read, lower-cased. US-ASCII is read as UTF-8 (its superset); ISO-8859-1 is cheap to
 * decode and some old Perl and PHP clients declare it. Anything else (UTF-16, windows-1252, ...) is refused
 * rather than guessed at.
 */
const READABLE_ENCODINGS: ReadonlyMap<string, 'utf8' | 'latin1'> = new Map([
  ['utf-8', 'utf8'],
  ['utf8', 'utf8'],
  ['us-ascii', 'utf8'],
  ['ascii', 'utf8'],
  ['iso-8859-1', 'latin1'],
  ['iso8859-1', 'latin1'],
  ['latin1', 'latin1'],
  ['latin-1', 'latin1'],
]);

// Characters XML 1.0 forbids: C0 controls but tab, newline and carriage return; U+FFFE, U+FFFF; and, with the
// `u` flag, only lone surrogates (a well-formed pair is one code point outside the class).
const FORBIDDEN_CHARACTER = /[\0-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/u;

/**
 * Turns a request body into the text the scanner reads: size checked, decoded (a `Buffer` by its declared
 * encoding, UTF-8 by default; a string is taken as already decoded), byte order mark dropped, line ends
 * normalised to `\n` as XML requires (send `&#13;` to keep a carriage return), and refused if it holds a
 * character XML 1.0 forbids.
 */
export function decodeBody(body: Buffer | string, maxBytes: number): string {
  let text = typeof body === 'string' ? fromString(body, maxBytes) : fromBytes(body, maxBytes);
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  const forbidden = text.search(FORBIDDEN_CHARACTER);
  if (forbidden >= 0) failAt(text, forbidden, 'malformed', describeForbidden(text.charCodeAt(forbidden)));
  return text;
}

function fromString(body: string, maxBytes: number): string {
  // A UTF-16 code unit is at least one UTF-8 byte and at most three, so byteLength is needed only in between.
  if (body.length > maxBytes || (body.length * 3 > maxBytes && Buffer.byteLength(body, 'utf8') > maxBytes)) {
    throw tooLarge(Buffer.byteLength(body, 'utf8'), maxBytes);
  }
  return body.charCodeAt(0) === 0xfeff ? body.slice(1) : body;
}

function fromBytes(body: Buffer, maxBytes: number): string {
  if (body.length > maxBytes) throw tooLarge(body.length, maxBytes);
  let bytes = body;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  else if ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe)) {
    throw new XmlRpcParseError('malformed', 'line 1: the body is UTF-16 (it starts with a UTF-16 byte order mark); send UTF-8');
  }
  const declared = bytes[0] === 0x3c && bytes[1] === 0x3f ? readDeclaration(bytes.toString('latin1', 0, 200))?.encoding : undefined;
  const encoding = declared === undefined ? 'utf8' : READABLE_ENCODINGS.get(declared.toLowerCase());
  if (encoding === undefined) {
    throw new XmlRpcParseError('malformed', `line 1: the body declares the encoding ${quote(declared ?? '')}; send UTF-8 (US-ASCII and ISO-8859-1 are read too)`);
  }
  if (encoding === 'latin1') return bytes.toString('latin1');
  if (!isUtf8(bytes)) throw invalidUtf8(bytes);
  return bytes.toString('utf8');
}

function tooLarge(bytes: number, maxBytes: number): XmlRpcParseError {
  return new XmlRpcParseError('too-large', `the body is ${bytes} bytes, over the limit of ${maxBytes}`);
}

/** Names the first byte that is not UTF-8, found by bisection (only once the body is known to be bad). */
function invalidUtf8(bytes: Buffer): XmlRpcParseError {
  // A streaming decode ignores a sequence cut at the end, so "this prefix has an invalid sequence" only ever
  // turns from false to true as the prefix grows.
  const broken = (length: number): boolean => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, length), { stream: true });
      return false;
    } catch {
      return true;
    }
  };
  let low = 0; // longest prefix known to be fine
  let high = bytes.length; // shortest prefix known to be broken (or cut short at the end)
  while (high - low > 1) {
    const middle = (low + high) >>> 1;
    if (broken(middle)) high = middle;
    else low = middle;
  }
  let line = 1;
  for (let index = 0; index < low; index += 1) if (bytes[index] === 0x0a) line += 1;
  const where = broken(bytes.length) ? `byte ${high - 1}` : 'the end (a character is cut short)';
  return new XmlRpcParseError('malformed', `line ${line}: the body is not valid UTF-8 at ${where}; send UTF-8 or declare encoding="ISO-8859-1"`);
}

function describeForbidden(code: number): string {
  const hex = code.toString(16).toUpperCase().padStart(4, '0');
  if (code >= 0xd800 && code <= 0xdfff) return `a lone surrogate (U+${hex}) is not a character; the text is not valid Unicode`;
  if (code >= 0xfffe) return `the character U+${hex} is not allowed in XML 1.0`;
  return `the control character U+${hex} is not allowed in XML 1.0 (only tab, newline and carriage return are); send binary data as base64`;
}
