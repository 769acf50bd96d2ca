import { checkLimits, DEFAULT_PARSE_LIMITS, type ParseLimits } from './parse-limits.js';
import { decodeBody } from './decode-body.js';
import { readValue, type ReadState } from './value-reader.js';
import { XmlScanner } from './xml-scanner.js';
import { isXmlRpcStruct, type XmlRpcValue } from './xmlrpc-value.js';

/** A decoded `<methodResponse>`: one result value, or a fault. */
export type MethodResponse =
  | { readonly kind: 'result'; readonly value: XmlRpcValue }
  | { readonly kind: 'fault'; readonly faultCode: number; readonly faultString: string };

/**
 * Reads an XML-RPC response body, for clients and tests: `<methodResponse>` holding `<params>` with exactly one
 * `<param>`, or a `<fault>` whose struct has an int `faultCode` and a string `faultString`. Same rules, limits
 * and errors as `parseMethodCall`.
 */
export function parseMethodResponse(body: Buffer | string, limits: ParseLimits = DEFAULT_PARSE_LIMITS): MethodResponse {
  checkLimits(limits);
  const scanner = new XmlScanner(decodeBody(body, limits.maxBytes));
  const state: ReadState = { limits, values: 0 };
  scanner.nextTag('<methodResponse>');
  scanner.expectOpen('methodResponse');
  if (scanner.tagEmpty) scanner.fail('malformed', '<methodResponse/> needs <params> or <fault>', scanner.tagStart);
  scanner.nextTag('<params> or <fault>');
  const response = !scanner.tagClosing && scanner.tagName === 'fault' ? readFault(scanner, state) : readResult(scanner, state);
  scanner.nextTag('</methodResponse>');
  scanner.expectClose('methodResponse');
  scanner.finish('</methodResponse>');
  return response;
}

function readResult(scanner: XmlScanner, state: ReadState): MethodResponse {
  if (scanner.tagClosing || scanner.tagName !== 'params') {
    scanner.fail('malformed', `found ${scanner.describeTag()} where <params> or <fault> was expected`, scanner.tagStart);
  }
  if (scanner.tagEmpty) scanner.fail('malformed', '<params/> in a response must hold one <param>', scanner.tagStart);
  scanner.nextTag('<param>');
  scanner.expectOpen('param');
  if (scanner.tagEmpty) scanner.fail('malformed', '<param/> must hold a <value>', scanner.tagStart);
  scanner.nextTag('<value>');
  scanner.expectOpen('value');
  const value = readValue(scanner, state, 0);
  scanner.nextTag('</param>');
  scanner.expectClose('param');
  scanner.nextTag('</params>');
  scanner.expectClose('params');
  return { kind: 'result', value };
}

function readFault(scanner: XmlScanner, state: ReadState): MethodResponse {
  const start = scanner.tagStart;
  if (scanner.tagEmpty) scanner.fail('malformed', '<fault/> must hold a <value>', start);
  scanner.nextTag('<value>');
  scanner.expectOpen('value');
  const value = readValue(scanner, state, 0);
  scanner.nextTag('</fault>');
  scanner.expectClose('fault');
  const faultCode = isXmlRpcStruct(value) ? value['faultCode'] : undefined;
  const faultString = isXmlRpcStruct(value) ? value['faultString'] : undefined;
  if (!Number.isInteger(faultCode) || typeof faultString !== 'string') {
    return scanner.fail('bad-value', 'a <fault> must hold a struct with an int faultCode and a string faultString', start);
  }
  return { kind: 'fault', faultCode: faultCode as number, faultString };
}
