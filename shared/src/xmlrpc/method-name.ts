// The spec's method name alphabet; the API gate answers "unknown method" for names that fit it but are not ours.
const METHOD_NAME = /^[A-Za-z0-9_.:/]+$/;

/** Longest method name read or written. */
export const LONGEST_METHOD_NAME = 256;

/** True when `name` may be an XML-RPC method name: letters, digits, `_`, `.`, `:`, `/`, at most 256 of them. */
export function isMethodName(name: string): boolean {
  return name.length <= LONGEST_METHOD_NAME && METHOD_NAME.test(name);
}
