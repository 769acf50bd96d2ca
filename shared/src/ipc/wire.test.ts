import { describe, expect, it } from 'vitest';
import { decodeWire, encodeWire } from './wire.js';

describe('the wire encoding of the browser host', () => {
  it('keeps dates as dates, at any depth, and everything else as JSON does', () => {
    const at = new Date('2026-11-28T10:00:00.123Z');
    const value = { at, list: [at, { nested: [at] }], text: 'x', n: 1.5, yes: true, none: null, empty: {} };
    const decoded = decodeWire(encodeWire(value)) as typeof value;
    expect(decoded).toEqual(value);
    expect(decoded.list[0]).toBeInstanceOf(Date);
    expect(decodeWire(encodeWire(at))).toEqual(at);
    expect(encodeWire({ at })).toBe('{"at":{"$date":"2026-11-28T10:00:00.123Z"}}');
  });

  it('drops undefined as JSON does, and leaves objects that only look like a date alone', () => {
    expect(decodeWire(encodeWire({ a: undefined, b: [undefined] }))).toEqual({ b: [null] });
    expect(decodeWire('{"$date":"2026-01-01T00:00:00.000Z","other":1}')).toEqual({ $date: '2026-01-01T00:00:00.000Z', other: 1 });
    expect(decodeWire('{"$date":42}')).toEqual({ $date: 42 });
    expect(decodeWire('[{"$date":"2026-01-01T00:00:00.000Z"}]')).toEqual([new Date('2026-01-01T00:00:00.000Z')]);
  });

  it('keeps bytes as bytes, every value of a byte, Buffers too, and large ones', () => {
    const every = new Uint8Array(256).map((_, index) => index);
    const decoded = decodeWire(encodeWire({ slice: { data: '', dataBase64: every }, list: [Buffer.from([27, 91, 0xff])] })) as { slice: { dataBase64: Uint8Array }; list: Uint8Array[] };
    expect(decoded.slice.dataBase64).toBeInstanceOf(Uint8Array);
    expect(decoded.slice.dataBase64).toEqual(every);
    expect(decoded.list[0]).toEqual(new Uint8Array([27, 91, 0xff]));
    expect(encodeWire(new Uint8Array([27, 91, 51, 49, 109]))).toBe('{"$base64":"G1szMW0="}');
    for (const length of [0, 1, 2, 3, 4, 5, 4 * 1024 * 1024 + 2]) {
      const bytes = new Uint8Array(length).map((_, index) => (index * 31 + 7) & 0xff);
      expect(encodeWire(bytes)).toBe(`{"$base64":"${Buffer.from(bytes).toString('base64')}"}`);
      expect(Buffer.from(decodeWire(encodeWire(bytes)) as Uint8Array).equals(Buffer.from(bytes))).toBe(true);
    }
    expect(decodeWire('{"$base64":"AA==","other":1}')).toEqual({ $base64: 'AA==', other: 1 });
  });

  it('throws on what is not JSON', () => {
    expect(() => decodeWire('{')).toThrow(SyntaxError);
  });
});
