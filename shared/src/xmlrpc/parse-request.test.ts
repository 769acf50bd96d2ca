import { describe, expect, it } from 'vitest';
import { DEFAULT_PARSE_LIMITS } from './parse-limits.js';
import { XmlRpcParseError, type XmlRpcParseErrorCode } from './parse-error.js';
import { parseMethodCall } from './parse-request.js';
import type { XmlRpcStruct, XmlRpcValue } from './xmlrpc-value.js';

/** A request body with each parameter's `<value>` content as given. */
function call(...values: string[]): string {
  const params = values.map((value) => `<param><value>${value}</value></param>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<methodCall>\n<methodName>test.method</methodName>\n<params>\n${params}\n</params>\n</methodCall>\n`;
}

function only(value: string): XmlRpcValue {
  const { params } = parseMethodCall(call(value));
  expect(params).toHaveLength(1);
  return params[0] as XmlRpcValue;
}

function parseError(body: string | Buffer, limits = DEFAULT_PARSE_LIMITS): XmlRpcParseError {
  try {
    parseMethodCall(body, limits);
  } catch (error) {
    if (error instanceof XmlRpcParseError) return error;
    throw error;
  }
  throw new Error('the body was accepted');
}

function expectRefused(body: string | Buffer, code: XmlRpcParseErrorCode, message: RegExp | string): void {
  const error = parseError(body);
  expect({ code: error.code, message: error.message }).toEqual({ code, message: expect.stringMatching(message) });
}

describe('parseMethodCall: values', () => {
  it('reads every type', () => {
    expect(only('<string>a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;</string>')).toBe(`a <b> & "c" 'd'`);
    expect(only('<int>42</int>')).toBe(42);
    expect(only('<i4>-7</i4>')).toBe(-7);
    expect(only('<int> +5 </int>')).toBe(5);
    expect(only('<int>-0</int>')).toBe(0);
    expect(Object.is(only('<int>-0</int>'), -0)).toBe(false);
    expect(only('<int>2147483647</int>')).toBe(2_147_483_647);
    expect(only('<int>-2147483648</int>')).toBe(-2_147_483_648);
    expect(only('<i8>9007199254740991</i8>')).toBe(Number.MAX_SAFE_INTEGER);
    expect(only('<i8>-9007199254740991</i8>')).toBe(-Number.MAX_SAFE_INTEGER);
    expect(only('<ex:i8>4294967296</ex:i8>')).toBe(4_294_967_296);
    expect(only('<boolean>1</boolean>')).toBe(true);
    expect(only('<boolean>0</boolean>')).toBe(false);
    expect(only('<double>-1.5</double>')).toBe(-1.5);
    expect(only('<double>.5</double>')).toBe(0.5);
    expect(only('<double>1e+21</double>')).toBe(1e21);
    expect(only('<double>3</double>')).toBe(3);
    expect(only('<dateTime.iso8601>20270115T12:00:00</dateTime.iso8601>')).toEqual(new Date('2027-01-15T12:00:00Z'));
    expect(only('<base64>aGVs\nbG8=</base64>')).toEqual(new Uint8Array(Buffer.from('hello')));
    expect(only('<nil/>')).toBeNull();
    expect(only('<ex:nil></ex:nil>')).toBeNull();
    expect(only('<array><data><value><int>1</int></value><value>two</value></data></array>')).toEqual([1, 'two']);
    expect(only('<array><data/></array>')).toEqual([]);
    expect(only('<struct></struct>')).toEqual({});
  });

  it('reads bare text as a string, whitespace included, and an empty value as the empty string', () => {
    expect(only('  bare text ')).toBe('  bare text ');
    expect(only('')).toBe('');
    expect(parseMethodCall(call('x').replace('<value>x</value>', '<value/>')).params).toEqual(['']);
    expect(only('<string/>')).toBe('');
  });

  it('ignores whitespace and comments around a type element', () => {
    expect(only('\n  <!-- the id -->\n  <int>7</int>\n  ')).toBe(7);
  });

  it('reads CDATA, comments and character references inside text', () => {
    expect(only('<string>a<![CDATA[<b>&amp;]]>c<!-- gone -->d&#65;&#x42;&#x1F600;</string>')).toBe('a<b>&amp;cdAB😀');
    expect(only('<![CDATA[bare]]>')).toBe('bare');
  });

  it('keeps non-ASCII text and normalises line ends as XML requires, except &#13;', () => {
    expect(only('<string>é ü 中 😀</string>')).toBe('é ü 中 😀');
    expect(only('<string>a\r\nb\rc&#13;d</string>')).toBe('a\nb\nc\rd');
  });

  it('reads a struct as a null-prototype object, members in order', () => {
    const struct = only('<struct><member><name>b</name><value><int>1</int></value></member><member><name>a</name><value>x</value></member></struct>');
    expect(Object.getPrototypeOf(struct)).toBeNull();
    expect(Object.keys(struct as object)).toEqual(['b', 'a']);
    expect(struct).toEqual({ b: 1, a: 'x' });
  });

  it('keeps __proto__, constructor and toString as ordinary members and never touches a prototype', () => {
    const struct = only(
      '<struct>' +
        '<member><name>__proto__</name><value><struct><member><name>polluted</name><value><int>1</int></value></member></struct></value></member>' +
        '<member><name>constructor</name><value><struct><member><name>prototype</name><value><struct><member><name>polluted</name><value><int>2</int></value></member></struct></value></member></struct></value></member>' +
        '<member><name>toString</name><value>not a function</value></member>' +
        '</struct>',
    ) as XmlRpcStruct;
    expect(Object.keys(struct)).toEqual(['__proto__', 'constructor', 'toString']);
    expect(Object.getPrototypeOf(struct)).toBeNull();
    expect(Object.hasOwn(struct, '__proto__')).toBe(true);
    expect(struct['__proto__']).toEqual({ polluted: 1 });
    expect(struct['toString']).toBe('not a function');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    // A copy by spread keeps __proto__ a member of the copy.
    const copy = { ...struct };
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.hasOwn(copy, '__proto__')).toBe(true);
  });

  it('reads nested arrays and structs', () => {
    const value = only(
      '<array><data><value><struct><member><name>list</name><value><array><data><value><i4>1</i4></value><value><array><data/></array></value></data></array></value></member></struct></value></data></array>',
    );
    expect(value).toEqual([{ list: [1, []] }]);
  });

  it('accepts attributes (Apache declares its ex: namespace) and ignores them', () => {
    const body = call('<ex:i8 xmlns:ex="http://ws.apache.org/xmlrpc/namespaces/extensions">5</ex:i8>').replace(
      '<methodCall>',
      `<methodCall xmlns:ex='http://ws.apache.org/xmlrpc/namespaces/extensions'>`,
    );
    expect(parseMethodCall(body).params).toEqual([5]);
  });
});

describe('parseMethodCall: structure', () => {
  it('reads the method name and no params when <params> is absent or empty', () => {
    expect(parseMethodCall('<methodCall><methodName>system.listMethods</methodName></methodCall>')).toEqual({ methodName: 'system.listMethods', params: [] });
    expect(parseMethodCall('<methodCall><methodName>a</methodName><params/></methodCall>').params).toEqual([]);
    expect(parseMethodCall('<methodCall><methodName> a.b </methodName><params>\n</params></methodCall>').methodName).toBe('a.b');
  });

  it('accepts a byte order mark, comments before and after the root, and a Buffer', () => {
    const body = `\uFEFF<?xml version='1.0'?><!-- a client --><methodCall><methodName>m</methodName></methodCall>\n<!-- end -->\n`;
    expect(parseMethodCall(body).methodName).toBe('m');
    expect(parseMethodCall(Buffer.from(body)).methodName).toBe('m');
  });

  it.each([
    ['an empty body', '', /ends where <methodCall> was expected/],
    ['another root', '<methodResponse/>', /found <methodResponse\/> where <methodCall> was expected/],
    ['no method name', '<methodCall><params/></methodCall>', /found <params\/> where <methodName> was expected/],
    ['text between elements', '<methodCall><methodName>m</methodName>oops<params/></methodCall>', /unexpected text 'oops'/],
    ['a second root', '<methodCall><methodName>m</methodName></methodCall><methodCall/>', /unexpected '<methodCall\/>' after <\/methodCall>/],
    ['a mismatched end tag', call('<int>1</i4>'), /found <\/i4> where <\/int> was expected/],
    ['an element in a scalar', call('<int><b>1</b></int>'), /<int> may hold only text, not <b>/],
    ['text and an element in a value', call('x<int>1</int>'), /<value> holds both text and <int>/],
    ['an unknown type', call('<float>1</float>'), /<float> is not an XML-RPC type/],
    ['a member without a value', call('<struct><member><name>a</name></member></struct>'), /found <\/member> where <value> was expected/],
    ['an array without data', call('<array><value>1</value></array>'), /found <value> where <data> was expected/],
    ['two values in a param', call('<int>1</int></value><value><int>2</int>'), /found <value> where <\/param> was expected/],
    ['a stray <', call('<string>a < b</string>'), /'<' must start a tag/],
    ['a stray &', call('<string>a & b</string>'), /'&' must start a reference/],
    ['a bad character reference', call('<string>&#xZZ;</string>'), /'&#xZZ;' is not a character reference/],
    ['an unclosed comment', call('<string>a<!-- b</string>'), /ends inside a comment/],
    ['-- inside a comment', '<methodCall><!-- a -- b --><methodName>m</methodName></methodCall>', /'--' is not allowed inside a comment/],
    ['CDATA between elements', '<methodCall><![CDATA[x]]><methodName>m</methodName></methodCall>', /CDATA section where <methodName> was expected/],
    ['an end tag with attributes', '<methodCall><methodName>m</methodName></methodCall a="1">', /unexpected 'a' in the tag <\/methodCall>/],
    ['an unquoted attribute', '<methodCall a=1><methodName>m</methodName></methodCall>', /must be in quotes/],
    ['a late XML declaration', '<methodCall><?xml version="1.0"?><methodName>m</methodName></methodCall>', /XML declaration is allowed only at the very start/],
    ['a broken XML declaration', '<?xml encoding="UTF-8"?><methodCall/>', /XML declaration is not of the form/],
  ])('refuses %s as malformed', (_name, body, message) => {
    expectRefused(body, 'malformed', message);
  });

  it('says where the problem is, by line and column', () => {
    expect(parseError(call('<int>abc</int>')).message).toBe("line 5, column 15: <int> holds 'abc', not an integer");
  });

  it('refuses a method name outside the spec alphabet', () => {
    expectRefused('<methodCall><methodName>a b</methodName></methodCall>', 'malformed', /the method name 'a b' is not a name/);
    expectRefused('<methodCall><methodName></methodName></methodCall>', 'malformed', /the method name '' is not a name/);
  });

  it('quotes values in messages short and escaped', () => {
    const message = parseError(call(`<int>${'9'.repeat(100)}\t"'</int>`)).message;
    expect(message).toMatch(/<int> holds '9{40}…', not an integer$/);
  });
});

describe('parseMethodCall: values that do not fit their type', () => {
  it.each([
    ['<int>abc</int>', /<int> holds 'abc', not an integer/],
    ['<int>1.5</int>', /not an integer/],
    ['<int></int>', /<int> holds '', not an integer/],
    ['<int>2147483648</int>', /outside the 32-bit range .* \(send <i8> for larger numbers\)/],
    ['<i4>-2147483649</i4>', /<i4> holds '-2147483649', outside the 32-bit range/],
    ['<i8>9007199254740992</i8>', /<i8> holds '9007199254740992', beyond ±9007199254740991 \(2\^53-1\)/],
    ['<i8>-9223372036854775808</i8>', /beyond ±9007199254740991/],
    ['<boolean>true</boolean>', /<boolean> holds 'true', not 1 or 0/],
    ['<boolean>2</boolean>', /not 1 or 0/],
    ['<double>NaN</double>', /<double> holds 'NaN', not a decimal number/],
    ['<double>inf</double>', /not a decimal number/],
    ['<double>1e999</double>', /beyond the range of a double/],
    ['<double>1.2.3</double>', /not a decimal number/],
    ['<base64>not base64!</base64>', /<base64> holds 'notbase64!', not base64/],
    ['<base64>QUJD=QUJD</base64>', /not base64/],
    ['<dateTime.iso8601>2027-02-30T00:00:00</dateTime.iso8601>', /'2027-02-30T00:00:00', which is not a real date and time/],
    ['<dateTime.iso8601>tomorrow</dateTime.iso8601>', /not a date and time such as 20270115T12:00:00/],
    ['<nil>x</nil>', /<nil\/> must be empty/],
  ])('refuses %s', (value, message) => {
    expectRefused(call(value), 'bad-value', message);
  });

  it('refuses a struct member sent twice, naming it', () => {
    expectRefused(
      call('<struct><member><name>id</name><value><int>1</int></value></member><member><name>id</name><value><int>2</int></value></member></struct>'),
      'bad-value',
      /the struct has the member 'id' twice/,
    );
  });
});

describe('parseMethodCall: characters', () => {
  it('refuses control characters, raw or as references, naming them', () => {
    expectRefused(call('<string>a\u0001b</string>'), 'malformed', /line 5, column 24: the control character U\+0001 is not allowed in XML 1.0/);
    expectRefused(call('<string>a\u001bb</string>'), 'malformed', /U\+001B/);
    expectRefused(call('<string>&#0;</string>'), 'malformed', /&#0; refers to U\+0000, which XML 1.0 does not allow/);
    expectRefused(call('<string>&#x1;</string>'), 'malformed', /&#x1; refers to U\+0001/);
    expectRefused(call('<string>&#xFFFE;</string>'), 'malformed', /U\+FFFE/);
    expectRefused(call('<string>&#xD800;</string>'), 'malformed', /U\+D800/);
    expectRefused(call('<string>&#x110000;</string>'), 'malformed', /U\+110000/);
    expectRefused(call('<string>\uFFFF</string>'), 'malformed', /U\+FFFF is not allowed/);
    expectRefused(call('<string>\uD800</string>'), 'malformed', /lone surrogate \(U\+D800\)/);
  });

  it('accepts tab, newline and the characters XML allows, raw or as references', () => {
    expect(only('<string>\t\n&#9;&#10;&#x85;&#xFFFD;&#x10FFFF;</string>')).toBe('\t\n\t\n\u0085\uFFFD\u{10FFFF}');
  });

  it('refuses invalid UTF-8, naming the byte', () => {
    const [head = '', tail = ''] = call('<string>ok|</string>').split('|');
    const body = Buffer.concat([Buffer.from(head), Buffer.from([0xc3, 0x28]), Buffer.from(tail)]);
    expectRefused(body, 'malformed', `line 5: the body is not valid UTF-8 at byte ${Buffer.byteLength(head) + 1}`);
    expectRefused(Buffer.from([0x3c, 0xff, 0xfe]), 'malformed', /not valid UTF-8 at byte 1/);
    expectRefused(Buffer.from('<methodCall>é').subarray(0, 13), 'malformed', /not valid UTF-8 at the end \(a character is cut short\)/);
  });

  it('reads ISO-8859-1 when declared, refuses UTF-16 and other encodings', () => {
    const latin1 = Buffer.from(`<?xml version="1.0" encoding="ISO-8859-1"?><methodCall><methodName>m</methodName><params><param><value>caf\u00e9</value></param></params></methodCall>`, 'latin1');
    expect(parseMethodCall(latin1).params).toEqual(['café']);
    expect(parseMethodCall(call('x').replace('UTF-8', 'us-ascii')).params).toEqual(['x']);
    expectRefused(Buffer.from(call('x').replace('UTF-8', 'UTF-16')), 'malformed', /declares the encoding 'UTF-16'; send UTF-8/);
    expectRefused(Buffer.from(`\uFEFF${call('x')}`, 'utf16le'), 'malformed', /UTF-16 byte order mark/);
  });
});

describe('parseMethodCall: entities and DTDs are refused, never expanded', () => {
  it.each([
    ['a DOCTYPE', '<!DOCTYPE methodCall><methodCall><methodName>m</methodName></methodCall>', /DOCTYPE is not accepted/],
    [
      'an external entity',
      '<?xml version="1.0"?>\n<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<methodCall><methodName>m</methodName><params><param><value>&xxe;</value></param></params></methodCall>',
      /line 2, column 1: a DOCTYPE is not accepted/,
    ],
    [
      'billion laughs',
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
        '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><methodCall><methodName>m</methodName><params><param><value>&lol3;</value></param></params></methodCall>',
      /DOCTYPE is not accepted/,
    ],
    ['an entity declaration without DOCTYPE', '<methodCall><!ENTITY a "b"><methodName>m</methodName></methodCall>', /entity declaration is not accepted/],
    ['another markup declaration', '<methodCall><!ELEMENT a ANY><methodName>m</methodName></methodCall>', /markup declaration '<!ELEMENT a ' is not accepted/],
    ['a lower-case doctype', '<!doctype x><methodCall/>', /markup declaration/],
    ['an unknown entity', call('<string>&xxe;</string>'), /line 5, column 23: unknown entity &xxe;/],
    ['an unknown entity in an attribute', '<methodCall a="&xxe;"><methodName>m</methodName></methodCall>', /unknown entity &xxe;/],
    ['a processing instruction', '<?xml version="1.0"?><?xml-stylesheet href="http://example.com/a.xsl"?><methodCall/>', /processing instruction '<\?xml-stylesheet/],
    ['a processing instruction in a value', call('<string>a<?php echo 1; ?></string>'), /processing instruction '<\?php/],
  ])('refuses %s with code entity', (_name, body, message) => {
    expectRefused(body, 'entity', message);
  });

  it('refuses a billion-laughs body quickly, without expanding anything', () => {
    const entities = Array.from({ length: 10 }, (_, level) => `<!ENTITY l${level + 1} "${`&l${level};`.repeat(10)}">`).join('');
    const body = `<!DOCTYPE x [<!ENTITY l0 "lol">${entities}]><methodCall><methodName>m</methodName><params><param><value>&l10;</value></param></params></methodCall>`;
    const started = performance.now();
    expect(parseError(body).code).toBe('entity');
    expect(performance.now() - started).toBeLessThan(50);
  });
});

describe('parseMethodCall: limits', () => {
  const nested = (depth: number): string => '<array><data><value>'.repeat(depth) + '<int>1</int>' + '</value></data></array>'.repeat(depth);

  it('reads arrays and structs nested maxDepth levels deep and refuses one more', () => {
    expect(only(nested(32))).toBeDefined();
    expectRefused(call(nested(33)), 'too-deep', /nested more than 32 levels deep/);
    const structs = (depth: number): string =>
      '<struct><member><name>a</name><value>'.repeat(depth) + 'x' + '</value></member></struct>'.repeat(depth);
    expect(only(structs(32))).toBeDefined();
    expectRefused(call(structs(33)), 'too-deep', /nested more than 32 levels deep/);
    expect(parseError(call(nested(3)), { ...DEFAULT_PARSE_LIMITS, maxDepth: 2 }).code).toBe('too-deep');
  });

  it('refuses a very deep body with too-deep, not a stack overflow', () => {
    expect(parseError(call(nested(50_000))).code).toBe('too-deep');
  });

  it('counts every value against maxMembers', () => {
    const items = (count: number): string => `<array><data>${'<value><int>1</int></value>'.repeat(count)}</data></array>`;
    const limits = { ...DEFAULT_PARSE_LIMITS, maxMembers: 10 };
    expect(parseMethodCall(call(items(9)), limits).params).toHaveLength(1); // the array and its 9 items
    expect(parseError(call(items(10)), limits)).toMatchObject({ code: 'too-large', message: expect.stringMatching(/more than 10 values/) });
    expect(parseError(call(items(100_001))).code).toBe('too-large');
  });

  it('refuses a 2 MB string under the default limit, and long names and base64', () => {
    expectRefused(call(`<string>${'a'.repeat(2 * 1024 * 1024)}</string>`), 'too-large', /a string of 2097152 characters is over the limit of 1048576/);
    expectRefused(call('x'.repeat(1024 * 1024 + 1)), 'too-large', /over the limit of 1048576/);
    const limits = { ...DEFAULT_PARSE_LIMITS, maxStringLength: 4 };
    const short = (value: string): string => call(value).replace('test.method', 'm');
    expect(parseError(call('x'), limits).message).toMatch(/line 3, column 1: a string of 11 characters is over the limit of 4/);
    expect(parseError(short('<struct><member><name>abcde</name><value/></member></struct>'), limits).message).toMatch(/a string of 5 characters/);
    expect(parseError(short('<base64>QUJDREU=</base64>'), limits).message).toMatch(/a base64 value of 5 bytes is over the limit of 4/);
    expect(parseMethodCall(short('<base64>QUJDRA==</base64>'), limits).params).toEqual([new Uint8Array([65, 66, 67, 68])]);
  });

  it('refuses a body over maxBytes, counted in UTF-8 bytes, as a string or a Buffer', () => {
    const body = call('<string>ééééé</string>');
    const bytes = Buffer.byteLength(body);
    const limits = { ...DEFAULT_PARSE_LIMITS, maxBytes: bytes - 1 };
    expect(parseError(body, limits)).toMatchObject({ code: 'too-large', message: `the body is ${bytes} bytes, over the limit of ${bytes - 1}` });
    expect(parseError(Buffer.from(body), limits).code).toBe('too-large');
    expect(parseMethodCall(body, { ...limits, maxBytes: bytes }).params).toEqual(['ééééé']);
  });

  it('throws a RangeError for limits that make no sense', () => {
    expect(() => parseMethodCall(call('x'), { ...DEFAULT_PARSE_LIMITS, maxDepth: 0 })).toThrow(RangeError);
    expect(() => parseMethodCall(call('x'), { ...DEFAULT_PARSE_LIMITS, maxDepth: 100_000 })).toThrow(RangeError);
    expect(() => parseMethodCall(call('x'), { ...DEFAULT_PARSE_LIMITS, maxBytes: Number.NaN })).toThrow(RangeError);
  });
});
