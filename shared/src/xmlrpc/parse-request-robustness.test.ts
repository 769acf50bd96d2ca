import { describe, expect, it } from 'vitest';
import { XmlRpcParseError } from './parse-error.js';
import { parseMethodCall } from './parse-request.js';
import { serializeMethodCall } from './serialize.js';

/** A request using every construct the parser knows, as a client might send it. */
const SAMPLE = Buffer.from(
  `<?xml version="1.0" encoding="UTF-8"?>
<!-- a comment before the root -->
<methodCall>
  <methodName>taskomatic.org.scheduleBunch</methodName>
  <params>
    <param><value>5x0a1b2c3d4e</value></param>
    <param><value><struct>
      <member><name>label</name><value><string>nightly &amp; weekly &#233;t&#xE9; 😀</string></value></member>
      <member><name>id</name><value><int>42</int></value></member>
      <member><name>big</name><value><i8>4294967296</i8></value></member>
      <member><name>ratio</name><value><double>-0.25e-3</double></value></member>
      <member><name>on</name><value><boolean>1</boolean></value></member>
      <member><name>at</name><value><dateTime.iso8601>2027-01-15T12:00:00+02:00</dateTime.iso8601></value></member>
      <member><name>blob</name><value><base64>aGVs
bG8=</base64></value></member>
      <member><name>none</name><value><nil/></value></member>
      <member><name>raw</name><value><![CDATA[<b>]]></value></member>
      <member><name>list</name><value><array><data><value>a</value><value><i4>1</i4></value><value/></data></array></value></member>
    </struct></value></param>
  </params>
</methodCall>`,
);

/** Parses and returns what was thrown, failing the test if it is anything but an XmlRpcParseError. */
function outcome(body: Buffer | string): 'ok' | XmlRpcParseError {
  try {
    parseMethodCall(body);
    return 'ok';
  } catch (error) {
    if (error instanceof XmlRpcParseError) return error;
    throw new Error(`threw ${String(error)} for ${JSON.stringify(body.toString().slice(0, 300))}`, { cause: error });
  }
}

/** mulberry32: a small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

// Bytes and fragments that the grammar cares about, so that mutations reach deep branches, not only "bad text".
const FRAGMENTS = [
  '<', '>', '/', '&', ';', '#', 'x', '"', "'", '=', '!', '?', '[', ']', '-', ' ', '\n', '0', '9', 'T', ':', '+', '.',
  '<value>', '</value>', '<struct>', '<member>', '<name>', '<array>', '<data>', '<int>', '</int>', '<i8>', '<nil/>',
  '<![CDATA[', ']]>', '<!--', '-->', '<!DOCTYPE x>', '<?pi?>', '&amp;', '&#0;', '&#x10FFFF;', '&lol;', '&#',
  '\u0000', '\u0001', '\uFFFE', '\uD800', 'é', '😀',
];

function mutate(sample: Buffer, next: () => number): Buffer {
  const pick = (limit: number): number => Math.floor(next() * limit);
  let bytes = Buffer.from(sample);
  const edits = 1 + pick(4);
  for (let edit = 0; edit < edits; edit += 1) {
    const at = pick(bytes.length + 1);
    switch (pick(5)) {
      case 0: // flip a byte to any value, including invalid UTF-8
        if (at < bytes.length) bytes[at] = pick(256);
        break;
      case 1: // delete a run
        bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1 + pick(40))]);
        break;
      case 2: // insert a fragment
        bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(FRAGMENTS[pick(FRAGMENTS.length)] ?? ''), bytes.subarray(at)]);
        break;
      case 3: {
        // copy a run elsewhere (duplicates members, unbalances tags)
        const from = pick(bytes.length);
        const run = bytes.subarray(from, from + 1 + pick(80));
        bytes = Buffer.concat([bytes.subarray(0, at), run, bytes.subarray(at)]);
        break;
      }
      default: // cut the end
        bytes = bytes.subarray(0, at);
    }
  }
  return bytes;
}

describe('parseMethodCall on broken input', () => {
  it('reads the sample', () => {
    expect(outcome(SAMPLE)).toBe('ok');
  });

  it('refuses the sample cut at every byte, with an XmlRpcParseError, as bytes and as text', () => {
    for (let length = 0; length < SAMPLE.length; length += 1) {
      const cut = SAMPLE.subarray(0, length);
      expect(outcome(cut), `cut at byte ${length}`).toBeInstanceOf(XmlRpcParseError);
      expect(outcome(cut.toString('utf8')), `cut at byte ${length}, as text`).toBeInstanceOf(XmlRpcParseError);
    }
  });

  it('refuses garbage bytes', () => {
    const next = random(7);
    for (let round = 0; round < 200; round += 1) {
      const garbage = Buffer.from(Array.from({ length: Math.floor(next() * 300) }, () => Math.floor(next() * 256)));
      expect(outcome(garbage)).toBeInstanceOf(XmlRpcParseError);
      expect(outcome(`<methodCall>${garbage.toString('latin1')}`)).toBeInstanceOf(XmlRpcParseError);
    }
  });

  it('throws nothing but XmlRpcParseError for 2,000 random mutations of valid requests', () => {
    const generated = Buffer.from(serializeMethodCall('a.b', ['key', { when: new Date(0), list: [1, 2 ** 40, 0.5, true, Buffer.from('x')], text: 'a&b' }]));
    const next = random(20_270_115);
    const codes = new Map<string, number>();
    for (let round = 0; round < 2000; round += 1) {
      const body = mutate(round % 2 === 0 ? SAMPLE : generated, next);
      const result = outcome(round % 3 === 0 ? body.toString('utf8') : body);
      const code = result === 'ok' ? 'ok' : result.code;
      codes.set(code, (codes.get(code) ?? 0) + 1);
    }
    // The mutations reach every kind of refusal, not only the first check.
    expect([...codes.keys()].sort()).toEqual(expect.arrayContaining(['bad-value', 'entity', 'malformed']));
  });

  it('stays linear on inputs built to make a scanner backtrack or rescan', () => {
    const size = 1_000_000;
    const bodies = [
      `<methodCall><methodName>m</methodName><params><param><value><double>${'1'.repeat(size)}x</double></value></param></params></methodCall>`,
      `<methodCall><methodName>m</methodName><params><param><value><dateTime.iso8601>2027${'0'.repeat(size)}</dateTime.iso8601></value></param></params></methodCall>`,
      `<methodCall><methodName>m</methodName><params><param><value>${' '.repeat(size)}x<int>1</int></value></param></params></methodCall>`,
      `<methodCall><methodName>m</methodName><params><param><value><string>${'&amp;'.repeat(size / 5)}&${';'.repeat(10)}</string></value></param></params></methodCall>`,
      `<methodCall><methodName>m</methodName><params>${'<!-- -->'.repeat(size / 8)}<![CDATA[</params></methodCall>`,
      `<methodCall>${'<methodName a="1" '.repeat(size / 18)}`,
      `<methodCall><methodName>m</methodName><params><param><value><base64>${'A'.repeat(size)}!</base64></value></param></params></methodCall>`,
    ];
    for (const body of bodies) {
      const started = performance.now();
      expect(outcome(body)).toBeInstanceOf(XmlRpcParseError);
      expect(performance.now() - started, body.slice(0, 80)).toBeLessThan(500);
    }
  });
});
