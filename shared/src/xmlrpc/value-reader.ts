import { quote } from './parse-error.js';
import type { ParseLimits } from './parse-limits.js';
import { parseDateTime } from './parse-date-time.js';
import { parseBase64, parseBoolean, parseDouble, parseInt32, parseInt64 } from './scalar-values.js';
import type { XmlScanner } from './xml-scanner.js';
import { isXmlSpace } from './xml-space.js';
import { createStruct, type XmlRpcValue } from './xmlrpc-value.js';

/** What one body has used of its limits so far. */
export interface ReadState {
  readonly limits: ParseLimits;
  /** `<value>` elements read so far, for `maxMembers`. */
  values: number;
}

/**
 * Reads a value whose `<value>` tag the scanner has just read, up to and including its `</value>`. `depth` is
 * the number of arrays and structs around it. A `<value>` holding text and no type element is a string (the
 * spec's default type), whitespace included; whitespace around a type element is ignored.
 */
export function readValue(scanner: XmlScanner, state: ReadState, depth: number): XmlRpcValue {
  const start = scanner.tagStart;
  state.values += 1;
  if (state.values > state.limits.maxMembers) scanner.fail('too-large', `the body holds more than ${state.limits.maxMembers} values`, start);
  if (scanner.tagEmpty) return '';
  const text = scanner.readText();
  scanner.nextTag('a type such as <string>, or </value>');
  if (scanner.tagClosing) {
    scanner.expectClose('value');
    return checkedString(scanner, state, text, start);
  }
  if (!isXmlSpace(text)) scanner.fail('malformed', `<value> holds both text and ${scanner.describeTag()}; send one or the other`, start);
  const value = readTyped(scanner, state, depth);
  if (!scanner.tryClose('value')) {
    scanner.nextTag('</value>');
    scanner.expectClose('value');
  }
  return value;
}

/**
 * Reads the text of a scalar element whose start tag was just read, up to and including its end tag; elements
 * inside are refused.
 */
export function readScalarText(scanner: XmlScanner, tag: string): string {
  if (scanner.tagEmpty) return '';
  const text = scanner.readText();
  if (scanner.tryClose(tag)) return text;
  scanner.nextTag(`</${tag}>`);
  if (!scanner.tagClosing) scanner.fail('malformed', `<${tag}> may hold only text, not ${scanner.describeTag()}`, scanner.tagStart);
  scanner.expectClose(tag);
  return text;
}

/** Refuses a string (or name) longer than `maxStringLength`. */
export function checkedString(scanner: XmlScanner, state: ReadState, text: string, start: number): string {
  const limit = state.limits.maxStringLength;
  if (text.length > limit) scanner.fail('too-large', `a string of ${text.length} characters is over the limit of ${limit}`, start);
  return text;
}

function readTyped(scanner: XmlScanner, state: ReadState, depth: number): XmlRpcValue {
  const tag = scanner.tagName;
  const start = scanner.tagStart;
  scanner.valueStart = start;
  switch (tag) {
    case 'string':
      return checkedString(scanner, state, readScalarText(scanner, tag), start);
    case 'int':
    case 'i4':
      return parseInt32(readScalarText(scanner, tag), tag, scanner.reject);
    case 'i8':
    case 'ex:i8':
      return parseInt64(readScalarText(scanner, tag), tag, scanner.reject);
    case 'boolean':
      return parseBoolean(readScalarText(scanner, tag), scanner.reject);
    case 'double':
      return parseDouble(readScalarText(scanner, tag), scanner.reject);
    case 'dateTime.iso8601':
      return parseDateTime(readScalarText(scanner, tag), scanner.reject);
    case 'base64':
      return parseBase64(readScalarText(scanner, tag), state.limits.maxStringLength, scanner.reject);
    case 'nil':
    case 'ex:nil':
      if (!isXmlSpace(readScalarText(scanner, tag))) scanner.fail('bad-value', `<${tag}/> must be empty`, start);
      return null;
    case 'struct':
      return readStruct(scanner, state, enter(scanner, state, depth));
    case 'array':
      return readArray(scanner, state, enter(scanner, state, depth));
    default:
      return scanner.fail(
        'malformed',
        `<${tag}> is not an XML-RPC type (string, int, i4, i8, boolean, double, dateTime.iso8601, base64, struct, array, nil)`,
        start,
      );
  }
}

/** The depth inside a new array or struct, refused past `maxDepth`. */
function enter(scanner: XmlScanner, state: ReadState, depth: number): number {
  if (depth >= state.limits.maxDepth) {
    scanner.fail('too-deep', `arrays and structs are nested more than ${state.limits.maxDepth} levels deep`, scanner.tagStart);
  }
  return depth + 1;
}

/** `<struct>`: members in order, each `<name>` then `<value>`; a name sent twice is refused (which should win?). */
function readStruct(scanner: XmlScanner, state: ReadState, depth: number): XmlRpcValue {
  const struct = createStruct();
  if (scanner.tagEmpty) return struct;
  for (;;) {
    scanner.nextTag('<member> or </struct>');
    if (scanner.tagClosing) {
      scanner.expectClose('struct');
      return struct;
    }
    scanner.expectOpen('member');
    const memberStart = scanner.tagStart;
    if (scanner.tagEmpty) scanner.fail('malformed', '<member/> needs a <name> and a <value>', memberStart);
    scanner.nextTag('<name>');
    scanner.expectOpen('name');
    const nameStart = scanner.tagStart;
    const name = checkedString(scanner, state, readScalarText(scanner, 'name'), nameStart);
    // Member names are data: `__proto__` is an ordinary key of this null-prototype object (see XmlRpcStruct).
    if (Object.hasOwn(struct, name)) scanner.fail('bad-value', `the struct has the member ${quote(name)} twice`, memberStart);
    scanner.nextTag('<value>');
    scanner.expectOpen('value');
    struct[name] = readValue(scanner, state, depth);
    if (!scanner.tryClose('member')) {
      scanner.nextTag('</member>');
      scanner.expectClose('member');
    }
  }
}

/** `<array><data>` then any number of `<value>`; an empty `<array/>` is read as an empty array. */
function readArray(scanner: XmlScanner, state: ReadState, depth: number): XmlRpcValue {
  const items: XmlRpcValue[] = [];
  if (scanner.tagEmpty) return items;
  scanner.nextTag('<data>');
  scanner.expectOpen('data');
  if (!scanner.tagEmpty) {
    for (;;) {
      scanner.nextTag('<value> or </data>');
      if (scanner.tagClosing) break;
      scanner.expectOpen('value');
      items.push(readValue(scanner, state, depth));
    }
    scanner.expectClose('data');
  }
  scanner.nextTag('</array>');
  scanner.expectClose('array');
  return items;
}
