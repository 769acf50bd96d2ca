import { describe, expect, it } from 'vitest';
import { parseMethodCall } from './parse-request.js';
import { parseMethodResponse } from './parse-response.js';
import { serializeFault, serializeMethodCall, serializeMethodResponse, XmlRpcSerializeError } from './serialize.js';
import type { ResultValue } from './xmlrpc-value.js';

/** The `<value>` of a serialized response, without the envelope. */
function valueOf(value: ResultValue): string {
  const xml = serializeMethodResponse(value);
  const start = xml.indexOf('<param>') + '<param>'.length;
  return xml.slice(start, xml.lastIndexOf('</param>'));
}

function roundTrip(value: ResultValue): unknown {
  const response = parseMethodResponse(serializeMethodResponse(value));
  if (response.kind !== 'result') throw new Error('a fault');
  return response.value;
}

describe('serializeMethodResponse', () => {
  it('writes the envelope with an XML declaration', () => {
    expect(serializeMethodResponse('ok')).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<methodResponse><params><param><value><string>ok</string></value></param></params></methodResponse>',
    );
  });

  it('writes 32-bit integers as <int>, other safe integers as <i8>, the rest as <double>', () => {
    expect(valueOf(0)).toBe('<value><int>0</int></value>');
    expect(valueOf(-0)).toBe('<value><int>0</int></value>');
    expect(valueOf(2_147_483_647)).toBe('<value><int>2147483647</int></value>');
    expect(valueOf(-2_147_483_648)).toBe('<value><int>-2147483648</int></value>');
    expect(valueOf(2_147_483_648)).toBe('<value><i8>2147483648</i8></value>');
    expect(valueOf(Number.MIN_SAFE_INTEGER)).toBe('<value><i8>-9007199254740991</i8></value>');
    expect(valueOf(2 ** 53)).toBe('<value><double>9007199254740992</double></value>');
    expect(valueOf(1.5)).toBe('<value><double>1.5</double></value>');
    expect(valueOf(1e21)).toBe('<value><double>1e+21</double></value>');
    expect(valueOf(true)).toBe('<value><boolean>1</boolean></value>');
    expect(valueOf(false)).toBe('<value><boolean>0</boolean></value>');
  });

  it('writes dates in UTC without milliseconds, cut rather than rounded', () => {
    expect(valueOf(new Date('2027-01-15T12:34:56.999+02:00'))).toBe('<value><dateTime.iso8601>20270115T10:34:56</dateTime.iso8601></value>');
    expect(valueOf(new Date('0005-06-07T08:09:10Z'))).toBe('<value><dateTime.iso8601>00050607T08:09:10</dateTime.iso8601></value>');
  });

  it('writes bytes as base64, a Buffer or a view into a larger buffer', () => {
    expect(valueOf(Buffer.from('hello'))).toBe('<value><base64>aGVsbG8=</base64></value>');
    const view = new Uint8Array(Buffer.from('xxhixx')).subarray(2, 4);
    expect(valueOf(view)).toBe('<value><base64>aGk=</base64></value>');
    expect(valueOf(new Uint8Array())).toBe('<value><base64></base64></value>');
  });

  it('escapes markup, keeps \\r through line-end normalisation, and replaces what XML cannot carry with U+FFFD', () => {
    expect(valueOf('a & b < c > d')).toBe('<value><string>a &amp; b &lt; c &gt; d</string></value>');
    expect(valueOf('line\r\nnext')).toBe('<value><string>line&#13;\nnext</string></value>');
    expect(valueOf('nul\0 esc\u001b bell\u0007 tab\t')).toBe('<value><string>nul\uFFFD esc\uFFFD bell\uFFFD tab\t</string></value>');
    expect(valueOf('lone \uD800 \uDC00 pair 😀 \uFFFE\uFFFF')).toBe('<value><string>lone \uFFFD \uFFFD pair 😀 \uFFFD\uFFFD</string></value>');
    expect(roundTrip('a\r\nb\r')).toBe('a\r\nb\r');
  });

  it('writes arrays and structs; undefined and null members are left out', () => {
    expect(valueOf([1, 'a'])).toBe('<value><array><data><value><int>1</int></value><value><string>a</string></value></data></array></value>');
    expect(valueOf([])).toBe('<value><array><data></data></array></value>');
    expect(valueOf({ a: 1, skip: undefined, none: null, 'b&<': 'x' })).toBe(
      '<value><struct><member><name>a</name><value><int>1</int></value></member><member><name>b&amp;&lt;</name><value><string>x</string></value></member></struct></value>',
    );
    expect(valueOf({})).toBe('<value><struct></struct></value>');
  });

  it('writes a decoded struct, __proto__ member included', () => {
    const decoded = parseMethodCall(
      '<methodCall><methodName>m</methodName><params><param><value><struct><member><name>__proto__</name><value><int>1</int></value></member></struct></value></param></params></methodCall>',
    ).params[0] as ResultValue;
    expect(valueOf(decoded)).toBe('<value><struct><member><name>__proto__</name><value><int>1</int></value></member></struct></value>');
  });

  it.each<[string, unknown, string]>([
    ['NaN', Number.NaN, 'cannot send result: NaN cannot be sent: XML-RPC has no NaN or infinity'],
    ['Infinity', { runs: [{ took: Number.POSITIVE_INFINITY }] }, 'cannot send result.runs[0].took: Infinity cannot be sent'],
    ['null at the top', null, 'cannot send result: null cannot be sent here'],
    ['null in an array', [1, null], 'cannot send result[1]: null cannot be sent here'],
    ['undefined at the top', undefined, 'cannot send result: undefined cannot be sent'],
    ['undefined in an array', [undefined], 'cannot send result[0]: undefined cannot be sent'],
    ['an Invalid Date', { 'odd key': new Date(Number.NaN) }, 'cannot send result["odd key"]: Invalid Date cannot be sent'],
    ['a year past 9999', new Date('+010000-01-01T00:00:00Z'), 'dateTime.iso8601 holds years 0000-9999'],
    ['a bigint', 1n, 'cannot send result: a bigint cannot be sent'],
    ['a function', () => 1, 'a function cannot be sent'],
    ['a Map', new Map(), 'a Map cannot be sent (only plain objects become structs)'],
    ['a class instance', new (class Run {})(), 'a Run cannot be sent'],
  ])('refuses %s with an XmlRpcSerializeError naming where it is', (_name, value, message) => {
    expect(() => serializeMethodResponse(value as ResultValue)).toThrow(XmlRpcSerializeError);
    expect(() => serializeMethodResponse(value as ResultValue)).toThrow(message);
  });

  it('refuses a cycle instead of overflowing the stack', () => {
    const cycle: Record<string, unknown> = {};
    cycle['self'] = cycle;
    expect(() => serializeMethodResponse(cycle as ResultValue)).toThrow(/nested more than 64 levels deep \(a cycle\?\)/);
  });
});

describe('round trips through the parser', () => {
  it('keeps every type', () => {
    const value = {
      text: 'héllo <wörld> & "quotes" \'apos\' 😀\ttab\nline',
      empty: '',
      spaces: '  ',
      int: -42,
      big: 2 ** 40,
      negativeBig: -(2 ** 52),
      double: 0.1,
      tiny: 5e-324,
      yes: true,
      no: false,
      when: new Date('2027-01-15T12:34:56Z'),
      bytes: new Uint8Array([0, 1, 2, 253, 254, 255]),
      list: [1, ['nested', [[]]], { inner: 'struct' }],
      __proto__member: { constructor: 'c', toString: 't' },
    };
    expect(roundTrip(value)).toEqual(value);
  });

  it('keeps method calls', () => {
    const params: ResultValue[] = ['session-key', { id: 7, label: 'nightly', from: new Date('2027-01-01T00:00:00Z') }, [1, 2, 3]];
    expect(parseMethodCall(serializeMethodCall('taskomatic.org.scheduleBunch', params))).toEqual({ methodName: 'taskomatic.org.scheduleBunch', params });
    expect(parseMethodCall(serializeMethodCall('system.listMethods', []))).toEqual({ methodName: 'system.listMethods', params: [] });
    expect(() => serializeMethodCall('bad name<', [])).toThrow(XmlRpcSerializeError);
  });
});

describe('serializeFault', () => {
  it('writes a fault struct that parses back', () => {
    const xml = serializeFault(4, 'parameter 2: expected an int, got <string> "x" & more\0');
    expect(xml).toContain('<fault><value><struct><member><name>faultCode</name><value><int>4</int></value></member>');
    expect(parseMethodResponse(xml)).toEqual({ kind: 'fault', faultCode: 4, faultString: 'parameter 2: expected an int, got <string> "x" & more\uFFFD' });
  });

  it('refuses a faultCode that is not a 32-bit integer', () => {
    expect(() => serializeFault(1.5, 'x')).toThrow(RangeError);
    expect(() => serializeFault(2 ** 31, 'x')).toThrow(RangeError);
  });
});
