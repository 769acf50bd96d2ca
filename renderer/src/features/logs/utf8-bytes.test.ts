import { describe, expect, it } from 'vitest';
import { cutHeadLength, cutTailLength, decodeUtf8, utf8Length } from './utf8-bytes';

const bytes = (...values: number[]) => new Uint8Array(values);

describe('utf8Length', () => {
  it('counts bytes as UTF-8 does', () => {
    for (const text of ['', 'abc', 'é', '€ and 日本', '😀 emoji', 'a\uFFFDb', '\u001b[31m\u0000']) expect(utf8Length(text)).toBe(Buffer.byteLength(text, 'utf8'));
  });
});

describe('decodeUtf8', () => {
  it('keeps ESC, the other control characters and a byte order mark', () => {
    const text = '\uFEFF\u001b[31mred\u001b[0m \u0000\u0001\u0007\u0008\u000b\u000c\u001f\u007f\r\n';
    expect(decodeUtf8(Buffer.from(text))).toBe(text);
  });

  it('shows bytes that are not UTF-8 as U+FFFD, a lone continuation byte as one each', () => {
    expect(decodeUtf8(bytes(0x61, 0xff, 0x80, 0x80, 0x62))).toBe('a\uFFFD\uFFFD\uFFFDb');
    expect(decodeUtf8(bytes(0xe2, 0x82, 0x41))).toBe('\uFFFDA');
    expect(decodeUtf8(bytes(0xc0, 0xaf))).toBe('\uFFFD\uFFFD');
  });
});

describe('cutTailLength', () => {
  it('finds the start of a character of 2 to 4 bytes cut by the end, at every cut', () => {
    for (const character of ['é', '€', '😀', '\u0800', '\uFFFF', '\u{10FFFF}']) {
      const whole = Buffer.from(`a${character}`);
      for (let cut = 1; cut < whole.length - 1; cut++) expect(cutTailLength(whole.subarray(0, whole.length - cut))).toBe(whole.length - 1 - cut);
      expect(cutTailLength(whole)).toBe(0);
    }
  });

  it('cuts nothing after ASCII, a whole character, or bytes that cannot become a character', () => {
    expect(cutTailLength(bytes())).toBe(0);
    expect(cutTailLength(bytes(0x61, 0x1b))).toBe(0);
    expect(cutTailLength(Buffer.from('é😀'))).toBe(0);
    expect(cutTailLength(bytes(0x61, 0xff))).toBe(0);
    expect(cutTailLength(bytes(0x61, 0xc0))).toBe(0);
    expect(cutTailLength(bytes(0x61, 0x80, 0x80, 0x80))).toBe(0);
    // Overlong, surrogate and past U+10FFFF: the second byte already rules them out.
    expect(cutTailLength(bytes(0xe0, 0x80))).toBe(0);
    expect(cutTailLength(bytes(0xed, 0xa0))).toBe(0);
    expect(cutTailLength(bytes(0xf0, 0x80, 0x80))).toBe(0);
    expect(cutTailLength(bytes(0xf4, 0x90))).toBe(0);
    expect(cutTailLength(bytes(0xf5))).toBe(0);
  });

  it('cuts the first byte of any lead, whatever may follow', () => {
    for (const lead of [0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4]) expect(cutTailLength(bytes(0x61, lead))).toBe(1);
  });
});

describe('cutHeadLength', () => {
  it('counts the continuation bytes of a character cut by the read start', () => {
    expect(cutHeadLength(Buffer.from('€b').subarray(1))).toBe(2);
    expect(cutHeadLength(Buffer.from('😀').subarray(1))).toBe(3);
    expect(cutHeadLength(Buffer.from('abc'))).toBe(0);
    expect(cutHeadLength(bytes(0x1b, 0x5b))).toBe(0);
    expect(cutHeadLength(bytes(0x80, 0x80, 0x80, 0x80))).toBe(3);
  });
});
