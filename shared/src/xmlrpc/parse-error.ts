/**
 * What kind of problem made a body unreadable, so that the transport can pick the fault:
 * - `malformed`: not well-formed XML, or not the XML-RPC grammar (a tag out of place, a body cut short);
 * - `too-deep`: arrays and structs nested deeper than `maxDepth`;
 * - `too-large`: over `maxBytes`, `maxStringLength` or `maxMembers`;
 * - `entity`: a DOCTYPE, an entity declaration or reference, or a processing instruction (never expanded);
 * - `bad-value`: well-formed, but a value does not fit its type (`<int>` holding "abc", Feb 30, a repeated member).
 */
export type XmlRpcParseErrorCode = 'malformed' | 'too-deep' | 'too-large' | 'entity' | 'bad-value';

/**
 * A request body that the parser refused. The message says what was wrong and where
 * ("line 3, column 12: <int> holds 'abc', not an integer") and is safe to send back in a fault: values in it are
 * cut to a few dozen characters and escaped.
 */
export class XmlRpcParseError extends Error {
  override readonly name = 'XmlRpcParseError';
  readonly code: XmlRpcParseErrorCode;

  constructor(code: XmlRpcParseErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** Throws an `XmlRpcParseError` located at `position` (a UTF-16 offset) of `text`, as "line L, column C: ...". */
export function failAt(text: string, position: number, code: XmlRpcParseErrorCode, problem: string): never {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(position, text.length);
  for (let newline = text.indexOf('\n'); newline >= 0 && newline < end; newline = text.indexOf('\n', newline + 1)) {
    line += 1;
    lineStart = newline + 1;
  }
  throw new XmlRpcParseError(code, `line ${line}, column ${end - lineStart + 1}: ${problem}`);
}

/** Longest excerpt of a value quoted in an error message. */
const QUOTE_LIMIT = 40;

/** A value quoted for an error message: cut to 40 characters, control characters and quotes escaped. */
export function quote(value: string): string {
  const cut = value.length > QUOTE_LIMIT ? `${value.slice(0, QUOTE_LIMIT)}…` : value;
  return `'${JSON.stringify(cut).slice(1, -1).replace(/'/g, "\\'")}'`;
}
