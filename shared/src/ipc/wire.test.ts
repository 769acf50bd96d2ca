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

  it('throws on what is not JSON', () => {
    expect(() => decodeWire('{')).toThrow(SyntaxError);
  });
});
