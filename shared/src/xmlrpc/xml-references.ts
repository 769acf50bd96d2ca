import { quote } from './parse-error.js';
import type { XmlRpcParseErrorCode } from './parse-error.js';

/** Reports a problem at an offset of the document. */
export type FailAt = (code: XmlRpcParseErrorCode, problem: string, at: number) => never;

// The longest reference read: `&#x` and 8 hex digits cover every code point with a few leading zeros; anything
// longer is refused before it is looked at, so a stray `&` costs a bounded scan.
const LONGEST_REFERENCE = 16;
const DECIMAL_DIGITS = /^[0-9]{1,10}$/;
const HEX_DIGITS = /^[0-9A-Fa-f]{1,8}$/;
const ENTITY_NAME = /^[A-Za-z_:][A-Za-z0-9._:-]*$/;

/**
 * Decodes the references in a run of text that starts at offset `start` of the document: the five predefined
 * entities and numeric character references. Any other `&name;` is refused as an entity (no entity is ever
 * declared, expanded or fetched), and so is a reference to a character XML 1.0 forbids (`&#0;`, `&#1;`).
 */
export function decodeReferences(raw: string, start: number, fail: FailAt): string {
  let result = '';
  let from = 0;
  for (let amp = raw.indexOf('&'); amp >= 0; amp = raw.indexOf('&', from)) {
    result += raw.slice(from, amp);
    const semicolon = raw.indexOf(';', amp + 1);
    if (semicolon < 0 || semicolon - amp > LONGEST_REFERENCE) {
      fail('malformed', `'&' must start a reference such as &amp; (write a literal '&' as &amp;)`, start + amp);
    }
    result += resolve(raw.slice(amp + 1, semicolon), start + amp, fail);
    from = semicolon + 1;
  }
  return result + raw.slice(from);
}

function resolve(name: string, at: number, fail: FailAt): string {
  switch (name) {
    case 'lt':
      return '<';
    case 'gt':
      return '>';
    case 'amp':
      return '&';
    case 'quot':
      return '"';
    case 'apos':
      return "'";
  }
  if (name.charCodeAt(0) === 0x23 /* # */) {
    const hex = name.charCodeAt(1) === 0x78; /* x */
    const digits = name.slice(hex ? 2 : 1);
    if (!(hex ? HEX_DIGITS : DECIMAL_DIGITS).test(digits)) fail('malformed', `${quote(`&${name};`)} is not a character reference`, at);
    const code = Number.parseInt(digits, hex ? 16 : 10);
    if (!isXmlCharacter(code)) {
      const codePoint = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
      fail('malformed', `&${name}; refers to ${codePoint}, which XML 1.0 does not allow (of the control characters only tab, newline and carriage return are); send binary data as base64`, at);
    }
    return String.fromCodePoint(code);
  }
  if (ENTITY_NAME.test(name)) {
    fail('entity', `unknown entity &${name}; (only &lt; &gt; &amp; &quot; &apos; and character references are read; no entity is ever expanded)`, at);
  }
  return fail('malformed', `'&' must start a reference such as &amp; (write a literal '&' as &amp;)`, at);
}

/** XML 1.0's Char production. */
function isXmlCharacter(code: number): boolean {
  return (
    code === 0x09 ||
    code === 0x0a ||
    code === 0x0d ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}
