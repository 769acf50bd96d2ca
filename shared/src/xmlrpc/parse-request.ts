import { quote } from './parse-error.js';
import { checkLimits, DEFAULT_PARSE_LIMITS, type ParseLimits } from './parse-limits.js';
import { decodeBody } from './decode-body.js';
import { isMethodName, LONGEST_METHOD_NAME } from './method-name.js';
import { checkedString, readScalarText, readValue, type ReadState } from './value-reader.js';
import { XmlScanner } from './xml-scanner.js';
import { trimXmlSpace } from './xml-space.js';
import type { XmlRpcArray, XmlRpcValue } from './xmlrpc-value.js';

/** A decoded `<methodCall>`. */
export interface MethodCall {
  readonly methodName: string;
  readonly params: XmlRpcArray;
}

/**
 * Reads an XML-RPC request body:
 * `<methodCall><methodName>…</methodName><params><param><value>…</value></param>…</params></methodCall>`, the
 * `<params>` element optional. Any body it refuses (malformed, too large or too deep, entities, values that do
 * not fit their type) throws an `XmlRpcParseError`, never another error. The body is checked against
 * `limits.maxBytes` again, but the transport should have refused an oversized body before reading it whole.
 * `limits` that are not positive integers throw a RangeError (a configuration bug).
 */
export function parseMethodCall(body: Buffer | string, limits: ParseLimits = DEFAULT_PARSE_LIMITS): MethodCall {
  checkLimits(limits);
  const scanner = new XmlScanner(decodeBody(body, limits.maxBytes));
  const state: ReadState = { limits, values: 0 };
  scanner.nextTag('<methodCall>');
  scanner.expectOpen('methodCall');
  if (scanner.tagEmpty) scanner.fail('malformed', '<methodCall/> needs a <methodName>', scanner.tagStart);
  scanner.nextTag('<methodName>');
  scanner.expectOpen('methodName');
  const methodName = readMethodName(scanner, state);
  scanner.nextTag('<params> or </methodCall>');
  let params: XmlRpcArray = [];
  if (!scanner.tagClosing && scanner.tagName === 'params') {
    params = readParams(scanner, state);
    scanner.nextTag('</methodCall>');
  }
  scanner.expectClose('methodCall');
  scanner.finish('</methodCall>');
  return { methodName, params };
}

function readMethodName(scanner: XmlScanner, state: ReadState): string {
  const start = scanner.tagStart;
  const name = trimXmlSpace(checkedString(scanner, state, readScalarText(scanner, 'methodName'), start));
  if (!isMethodName(name)) {
    scanner.fail('malformed', `the method name ${quote(name)} is not a name (letters, digits, '_', '.', ':' and '/', at most ${LONGEST_METHOD_NAME})`, start);
  }
  return name;
}

/** `<params>` with any number of `<param><value>…</value></param>`, after its start tag, up to its end tag. */
function readParams(scanner: XmlScanner, state: ReadState): XmlRpcArray {
  const params: XmlRpcValue[] = [];
  if (scanner.tagEmpty) return params;
  for (;;) {
    scanner.nextTag('<param> or </params>');
    if (scanner.tagClosing) break;
    scanner.expectOpen('param');
    if (scanner.tagEmpty) scanner.fail('malformed', '<param/> needs a <value>', scanner.tagStart);
    scanner.nextTag('<value>');
    scanner.expectOpen('value');
    params.push(readValue(scanner, state, 0));
    scanner.nextTag('</param>');
    scanner.expectClose('param');
  }
  scanner.expectClose('params');
  return params;
}
