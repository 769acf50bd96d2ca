import { formatDateTime } from './format-date-time.js';
import { isMethodName } from './method-name.js';
import { escapeXmlText } from './xml-escape.js';
import type { ResultValue } from './xmlrpc-value.js';

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;
/** Deeper than any result we build: past this the value is most likely a cycle. */
const DEEPEST = 64;

/**
 * A value the serializer cannot send: NaN, an infinity, an Invalid Date, `null` outside a struct, a class
 * instance, a cycle. It is a bug in the caller (a handler), not in the request: answer with an internal fault.
 */
export class XmlRpcSerializeError extends Error {
  override readonly name = 'XmlRpcSerializeError';
  /** Where the value sits, e.g. `result[3].start_time`. */
  readonly path: string;

  constructor(path: string, problem: string) {
    super(`cannot send ${path}: ${problem}`);
    this.path = path;
  }
}

/**
 * A `<methodResponse>` holding one value. Numbers: 32-bit integers as `<int>`, other safe integers as `<i8>`
 * (Python reads it), the rest as `<double>` (decimal or exponent notation, as JavaScript prints it). Dates as
 * UTC without milliseconds; `Uint8Array` and `Buffer` as base64; plain objects as structs, with members that are
 * `undefined` or `null` left out (XML-RPC has no null, and Python refuses `<nil/>` unless told otherwise).
 * Strings are escaped, with characters XML cannot carry replaced by U+FFFD (see `escapeXmlText`).
 * Throws `XmlRpcSerializeError` for what cannot be sent.
 */
export function serializeMethodResponse(value: ResultValue): string {
  return `${DECLARATION}<methodResponse><params><param>${rooted(value, 'result')}</param></params></methodResponse>`;
}

/** A `<methodResponse>` holding a fault; `code` must be a 32-bit integer (a RangeError otherwise). */
export function serializeFault(code: number, message: string): string {
  if (!Number.isInteger(code) || code < INT32_MIN || code > INT32_MAX) throw new RangeError(`a faultCode must be a 32-bit integer, not ${code}`);
  return (
    `${DECLARATION}<methodResponse><fault><value><struct>` +
    `<member><name>faultCode</name><value><int>${code}</int></value></member>` +
    `<member><name>faultString</name><value><string>${escapeXmlText(message)}</string></value></member>` +
    '</struct></value></fault></methodResponse>'
  );
}

/** A `<methodCall>`, for clients and tests; same rules as `serializeMethodResponse`. */
export function serializeMethodCall(methodName: string, params: ReadonlyArray<ResultValue>): string {
  if (!isMethodName(methodName)) throw new XmlRpcSerializeError('methodName', `${JSON.stringify(methodName.slice(0, 40))} is not a method name`);
  let xml = `${DECLARATION}<methodCall><methodName>${methodName}</methodName><params>`;
  for (let index = 0; index < params.length; index += 1) xml += `<param>${rooted(params[index], `params[${index}]`)}</param>`;
  return `${xml}</params></methodCall>`;
}

/** Thrown inside the recursion; the path is built only on the way out of a failure. */
class ValueProblem extends Error {
  at = '';
}

/**
 * The XML of one value. Pieces go into one list joined once at the end: building the text by concatenation
 * left most of a large answer's time (a 50 MB calendar: about 70 %) to the garbage collector.
 */
function rooted(value: unknown, root: string): string {
  const out: string[] = [];
  try {
    valueXml(value, 0, out);
  } catch (error) {
    if (error instanceof ValueProblem) throw new XmlRpcSerializeError(root + error.at, error.message);
    throw error;
  }
  return out.join('');
}

function valueXml(value: unknown, depth: number, out: string[]): void {
  switch (typeof value) {
    case 'string':
      out.push('<value><string>', escapeXmlText(value), '</string></value>');
      return;
    case 'number':
      out.push('<value>', numberXml(value), '</value>');
      return;
    case 'boolean':
      out.push(value ? '<value><boolean>1</boolean></value>' : '<value><boolean>0</boolean></value>');
      return;
    case 'object':
      if (value === null) throw new ValueProblem('null cannot be sent here: XML-RPC has no null (a null struct member is left out)');
      if (depth >= DEEPEST) throw new ValueProblem(`nested more than ${DEEPEST} levels deep (a cycle?)`);
      if (Array.isArray(value)) return arrayXml(value, depth + 1, out);
      if (value instanceof Date) {
        out.push('<value><dateTime.iso8601>', dateXml(value), '</dateTime.iso8601></value>');
        return;
      }
      if (value instanceof Uint8Array) {
        out.push('<value><base64>', Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64'), '</base64></value>');
        return;
      }
      if (isPlainObject(value)) return structXml(value, depth + 1, out);
      throw new ValueProblem(`a ${value.constructor?.name ?? 'object'} cannot be sent (only plain objects become structs)`);
    default:
      throw new ValueProblem(`${typeof value === 'undefined' ? 'undefined' : `a ${typeof value}`} cannot be sent`);
  }
}

function numberXml(value: number): string {
  if (Number.isInteger(value)) {
    if (value >= INT32_MIN && value <= INT32_MAX) return `<int>${value}</int>`; // -0 prints as 0
    if (Number.isSafeInteger(value)) return `<i8>${value}</i8>`;
  }
  if (!Number.isFinite(value)) throw new ValueProblem(`${value} cannot be sent: XML-RPC has no NaN or infinity`);
  return `<double>${value}</double>`;
}

function dateXml(date: Date): string {
  const text = formatDateTime(date);
  if (text === undefined) throw new ValueProblem(`${date.toString()} cannot be sent: dateTime.iso8601 holds years 0000-9999`);
  return text;
}

function arrayXml(items: ReadonlyArray<unknown>, depth: number, out: string[]): void {
  out.push('<value><array><data>');
  for (let index = 0; index < items.length; index += 1) {
    try {
      valueXml(items[index], depth, out);
    } catch (error) {
      throw within(error, `[${index}]`);
    }
  }
  out.push('</data></array></value>');
}

/** `<member><name>…</name>` by member name: the same few names come back on every struct of a list. */
const memberOpenings = new Map<string, string>();

function memberOpening(name: string): string {
  let opening = memberOpenings.get(name);
  if (opening === undefined) {
    opening = `<member><name>${escapeXmlText(name)}</name>`;
    if (memberOpenings.size < 10_000) memberOpenings.set(name, opening);
  }
  return opening;
}

function structXml(struct: object, depth: number, out: string[]): void {
  out.push('<value><struct>');
  for (const [name, member] of Object.entries(struct)) {
    if (member === undefined || member === null) continue;
    try {
      out.push(memberOpening(name));
      valueXml(member, depth, out);
      out.push('</member>');
    } catch (error) {
      throw within(error, /^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`);
    }
  }
  out.push('</struct></value>');
}

function within(error: unknown, step: string): unknown {
  if (error instanceof ValueProblem) error.at = step + error.at;
  return error;
}

/** An object literal, `Object.create(null)` (a decoded struct), or a row from the database driver. */
function isPlainObject(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
