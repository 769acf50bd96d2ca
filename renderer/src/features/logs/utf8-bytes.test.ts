import { describe, expect, it } from 'vitest';
import { cutHeadLength, trimCutTail, utf8Length } from './utf8-bytes';

describe('utf8Length', () => {
  it('counts bytes as UTF-8 does', () => {
    for (const text of ['', 'abc', 'é', '€ and 日本', '😀 emoji', 'a\uFFFDb']) expect(utf8Length(text)).toBe(Buffer.byteLength(text, 'utf8'));
  });
});

describe('trimCutTail', () => {
  it('keeps text that does not end with U+FFFD', () => {
    expect(trimCutTail('abc', 3)).toEqual({ text: 'abc', bytes: 3 });
  });

  it('leaves a character cut by the read for the next read', () => {
    // "a€" is 61 E2 82 AC; a read of 3 bytes ends inside the euro sign and decodes as "a\uFFFD".
    const bytes = Buffer.from('a€', 'utf8').subarray(0, 3);
    expect(trimCutTail(bytes.toString('utf8'), 3)).toEqual({ text: 'a', bytes: 1 });
  });

  it('keeps a U+FFFD the byte count does not prove to be cut', () => {
    // Invalid bytes earlier in the slice make the count disagree: better a stray U+FFFD than a wrong offset.
    expect(trimCutTail('\uFFFD\uFFFD', 2)).toEqual({ text: '\uFFFD\uFFFD', bytes: 2 });
  });
});

describe('cutHeadLength', () => {
  it('counts the continuation bytes of a character cut by the read start', () => {
    const tail = Buffer.from('€b', 'utf8').subarray(1).toString('utf8');
    expect(tail).toBe('\uFFFD\uFFFDb');
    expect(cutHeadLength(tail)).toBe(2);
    expect(cutHeadLength('abc')).toBe(0);
    expect(cutHeadLength('\uFFFD\uFFFD\uFFFD\uFFFD')).toBe(3);
  });
});
