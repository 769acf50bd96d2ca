import { describe, expect, it } from 'vitest';
import { appendRead, earlierRange, type LogWindow, prependRead, type ReadSlice, rowAt, rowCount, windowFromRead } from './log-window';

/** What logs.read answers for a stored log (with encoding base64): its exact bytes. */
function read(log: Buffer, offset: number, length: number): ReadSlice {
  const start = Math.min(offset, log.length);
  const data = log.subarray(start, Math.min(log.length, start + length));
  return { offset: start, data: new Uint8Array(data), final: start + data.length === log.length };
}

function rows(window: LogWindow): string[] {
  return Array.from({ length: rowCount(window) }, (_, index) => rowAt(window, index));
}

const LINES = Array.from({ length: 500 }, (_, i) => `line ${i + 1} ${'é€😀'.repeat(i % 5)}${i % 7 === 0 ? '\r' : ''}`);
const LOG = Buffer.from(`${LINES.join('\n')}\n`, 'utf8');

describe('log window', () => {
  it('opens a small log whole, numbered from 1', () => {
    const window = windowFromRead(read(LOG, 0, LOG.length));
    expect(rows(window)).toEqual(LINES);
    expect(window.firstLine).toBe(1);
    expect(window.endOffset).toBe(LOG.length);
  });

  for (const step of [97, 1000, 4096]) {
    it(`follows a log read forward in ${step}-byte reads, characters cut anywhere`, () => {
      let window = windowFromRead(read(LOG, 0, step));
      for (let guard = 0; window.endOffset < LOG.length && guard < 10_000; guard++) window = appendRead(window, read(LOG, window.endOffset, step));
      expect(rows(window)).toEqual(LINES);
    });

    it(`loads earlier in ${step}-byte reads from a tail, and numbers lines once it reaches the start`, () => {
      let window = windowFromRead(read(LOG, LOG.length - 3000, 3000));
      expect(window.headPartial).toBe(true);
      expect(window.firstLine).toBeUndefined();
      for (let guard = 0; window.startOffset > 0 && guard < 10_000; guard++) {
        const range = earlierRange(window, step);
        window = prependRead(window, read(LOG, range.offset, range.length));
      }
      expect(rows(window)).toEqual(LINES);
      expect(window.firstLine).toBe(1);
      expect(window.headPartial).toBe(false);
    });
  }

  it('keeps numbering known while loading earlier from a line of known number', () => {
    const offset = LOG.indexOf(Buffer.from('line 300 '));
    let window = windowFromRead(read(LOG, offset, 2000), 300);
    expect(rowAt(window, 0)).toBe(LINES[299]);
    const range = earlierRange(window, 500);
    window = prependRead(window, read(LOG, range.offset, range.length));
    const row = rows(window).indexOf(LINES[289] ?? '');
    expect((window.firstLine ?? 0) + row).toBe(290);
  });

  it('shows the unfinished last line, and completes it with the next read', () => {
    const log = Buffer.from('done\nDownloading 10%\rDownloading 20%');
    let window = windowFromRead(read(log, 0, log.length));
    expect(rows(window)).toEqual(['done', 'Downloading 10%\rDownloading 20%']);
    const more = Buffer.concat([log, Buffer.from('\rDownloading 100%\nnext\n')]);
    window = appendRead(window, read(more, window.endOffset, 1000));
    expect(rows(window)).toEqual(['done', 'Downloading 10%\rDownloading 20%\rDownloading 100%', 'next']);
  });

  it('joins a line longer than one read when loading earlier', () => {
    const log = Buffer.from(`first\n${'x'.repeat(5000)}\nlast\n`);
    let window = windowFromRead(read(log, log.length - 100, 100));
    for (let guard = 0; window.startOffset > 0 && guard < 100; guard++) {
      const range = earlierRange(window, 700);
      window = prependRead(window, read(log, range.offset, range.length));
    }
    expect(rows(window)).toEqual(['first', 'x'.repeat(5000), 'last']);
  });

  it('ignores a stale read (another offset)', () => {
    const window = windowFromRead(read(LOG, 0, 100));
    expect(appendRead(window, read(LOG, 50, 100))).toBe(window);
    expect(prependRead(window, read(LOG, 0, 10))).toBe(window);
  });

  it('waits for the rest of a character cut at the end of the stream while it grows, and keeps it once final', () => {
    const log = Buffer.from('ok\n€', 'utf8');
    const cut = log.subarray(0, log.length - 1);
    const growing = windowFromRead({ ...read(cut, 0, cut.length), final: false });
    expect(growing.endOffset).toBe(3);
    expect(rows(windowFromRead(read(cut, 0, cut.length)))).toEqual(['ok', '\uFFFD']);
  });

  it('shows a character cut by the first read of a tail as U+FFFD until the bytes before are loaded', () => {
    const log = Buffer.from('a\u20acb\n', 'utf8');
    const window = windowFromRead(read(log, 2, 100));
    expect(window.headCut).toBe(2);
    expect(rows(window)).toEqual(['\uFFFD\uFFFDb']);
    expect(earlierRange(window, 10)).toEqual({ offset: 0, length: 4 });
    expect(rows(prependRead(window, read(log, 0, 4)))).toEqual(['a\u20acb']);
  });

  it('keeps many lines in blocks, so one read never copies the whole log', () => {
    let window = windowFromRead(read(Buffer.alloc(0), 0, 0));
    let log = Buffer.alloc(0);
    for (let i = 0; i < 50; i++) {
      const more = Buffer.from(Array.from({ length: 1000 }, (_, j) => `r${i}-${j}\n`).join(''));
      log = Buffer.concat([log, more]);
      window = appendRead(window, read(log, window.endOffset, more.length));
    }
    expect(rowCount(window)).toBe(50_000);
    expect(window.blocks.length).toBeLessThan(15);
    expect(rowAt(window, 12_345)).toBe('r12-345');
    expect(rowAt(window, 49_999)).toBe('r49-999');
  });
});

/**
 * A log no string on the wire could carry: colour codes (ESC), a title (OSC ended by BEL), other C0 controls and
 * DEL, bytes that are not UTF-8 (each kind the decoder replaces differently: a lone continuation byte, a cut
 * sequence, an overlong form, a surrogate, bytes no character starts with), real characters of 2 to 4 bytes, and
 * a character cut by the end of the log.
 */
const HOSTILE = Buffer.concat([
  ...Array.from({ length: 40 }, (_, i) =>
    Buffer.concat([
      Buffer.from(`\u001b[3${i % 8}mline ${i}\u001b[0m \u00e9\u20ac\u{1f600} `),
      Buffer.from([0x00, 0x01, 0x07, 0x08, 0x0b, 0x0c, 0x1b, 0x1f, 0x7f, 0x20]),
      Buffer.from([[0x80], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xff, 0xfe], [0xe0, 0x80, 0x80], [0xc3, 0x28]][i % 8] ?? []),
      Buffer.from(i % 5 === 0 ? '\u001b]0;title\u0007\r\n' : '\n'),
    ]),
  ),
  Buffer.from([0xe2, 0x82]),
]);
/** What decoding the whole log at once shows: the rows reads in pieces must give too. */
const HOSTILE_ROWS = new TextDecoder('utf-8', { ignoreBOM: true }).decode(HOSTILE).split('\n');

describe('log window over exact bytes', () => {
  it('keeps ESC and every other control character, and shows bytes that are not UTF-8 as U+FFFD', () => {
    const window = windowFromRead(read(HOSTILE, 0, HOSTILE.length));
    expect(rows(window)).toEqual(HOSTILE_ROWS);
    expect(rowAt(window, 0)).toMatch(/^\u001b\[30mline 0\u001b\[0m \u00e9\u20ac\u{1f600} \u0000\u0001\u0007\u0008\u000b\u000c\u001b\u001f\u007f \uFFFD\u001b\]0;title\u0007\r$/u);
    expect(rowAt(window, 40)).toBe('\uFFFD');
    expect(window.endOffset).toBe(HOSTILE.length);
  });

  for (const step of [4, 5, 6, 7, 11, 64, 1000]) {
    it(`reads forward in ${step}-byte reads to the same rows, at exact offsets`, () => {
      let window = windowFromRead(read(HOSTILE, 0, step));
      for (let guard = 0; window.endOffset < HOSTILE.length && guard < 10_000; guard++) {
        const before = window.endOffset;
        window = appendRead(window, read(HOSTILE, window.endOffset, step));
        // Only a character cut by the read's end is left for the next read: at most 3 bytes.
        expect(window.endOffset).toBeGreaterThanOrEqual(Math.min(before + step, HOSTILE.length) - 3);
      }
      expect(rows(window)).toEqual(HOSTILE_ROWS);
      expect(window.endOffset).toBe(HOSTILE.length);
    });

    it(`loads earlier in ${step}-byte reads from a tail cut anywhere to the same rows`, () => {
      for (const tailBytes of [1, 2, 3, 17, 200]) {
        let window = windowFromRead(read(HOSTILE, HOSTILE.length - tailBytes, tailBytes));
        for (let guard = 0; window.startOffset > 0 && guard < 10_000; guard++) {
          const range = earlierRange(window, step);
          window = prependRead(window, read(HOSTILE, range.offset, range.length));
        }
        expect(window.startOffset).toBe(0);
        expect(rows(window)).toEqual(HOSTILE_ROWS);
      }
    });
  }

  it('waits at a character cut by a growing log, and never at bytes that cannot become one', () => {
    const growing = (bytes: number[]) => appendRead(windowFromRead({ offset: 0, data: new Uint8Array(), final: false }), { offset: 0, data: new Uint8Array(bytes), final: false });
    expect(growing([0x61, 0xf0, 0x9f, 0x98]).endOffset).toBe(1);
    expect(growing([0x61, 0xe2]).endOffset).toBe(1);
    expect(rows(growing([0x61, 0xe0, 0x80]))).toEqual(['a\uFFFD\uFFFD']);
    expect(growing([0x61, 0xed, 0xa0]).endOffset).toBe(3);
    expect(growing([0x61, 0xff]).endOffset).toBe(2);
  });
});
