import { failAt } from './parse-error.js';

/** The XML declaration at the very start of a document: where it ends, and the encoding it names, if any. */
export interface XmlDeclaration {
  readonly end: number;
  readonly encoding: string | undefined;
}

// Bounded by LONGEST_DECLARATION below, so the optional groups cannot backtrack for long.
const DECLARATION =
  /^<\?xml\s+version\s*=\s*(["'])1\.[0-9]+\1(?:\s+encoding\s*=\s*(["'])([A-Za-z][A-Za-z0-9._-]*)\2)?(?:\s+standalone\s*=\s*(["'])(?:yes|no)\4)?\s*\?>/;
const LONGEST_DECLARATION = 200;

/**
 * Reads the XML declaration when `text` starts with one (`<?xml version="1.0" encoding="UTF-8"?>`); a malformed
 * one is refused. Anything else starting with `<?` is a processing instruction, refused later by the scanner.
 */
export function readDeclaration(text: string): XmlDeclaration | undefined {
  if (!text.startsWith('<?xml')) return undefined;
  const after = text.charCodeAt(5);
  if (after !== 0x20 && after !== 0x09 && after !== 0x0a && after !== 0x0d && after !== 0x3f) return undefined;
  const match = DECLARATION.exec(text.slice(0, LONGEST_DECLARATION));
  if (!match) failAt(text, 0, 'malformed', 'the XML declaration is not of the form <?xml version="1.0" encoding="UTF-8"?>');
  return { end: match[0].length, encoding: match[3] };
}
