// What text content cannot hold as is: markup characters, the carriage return (XML parsers turn it into a
// newline unless it is a reference), and characters XML 1.0 forbids outright: C0 controls other than tab,
// newline and carriage return, U+FFFE, U+FFFF and (with the `u` flag, only) lone surrogates.
const SPECIAL = /[&<>\r\0-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/u;
const SPECIAL_ALL = /[&<>\r\0-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/gu;

/**
 * Escapes a string for XML text content. `&`, `<`, `>` become entities and `\r` becomes `&#13;` so that it
 * survives line-end normalisation. Characters XML 1.0 cannot carry at all (not even as references), such as
 * NUL, ESC or a lone surrogate, become U+FFFD: strings sent back include command output and logs, which may hold
 * any bytes, and a response must stay well-formed for every client rather than fail as a whole. Callers that
 * need the exact bytes should send them as base64.
 */
export function escapeXmlText(text: string): string {
  return SPECIAL.test(text) ? text.replace(SPECIAL_ALL, replacement) : text;
}

function replacement(character: string): string {
  switch (character) {
    case '&':
      return '&amp;';
    case '<':
      return '&lt;';
    case '>':
      return '&gt;';
    case '\r':
      return '&#13;';
    default:
      return '\uFFFD';
  }
}
