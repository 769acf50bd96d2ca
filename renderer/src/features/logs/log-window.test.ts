import { describe, expect, it } from 'vitest';
import { appendRead, earlierRange, type LogWindow, prependRead, type ReadSlice, rowAt, rowCount, windowFromRead } from './log-window';

/** What logs.read answers for a stored log: bytes decoded as UTF-8, cut characters as U+FFFD. */
function read(log: Buffer, offset: number, length: number): ReadSlice {
  const start = Math.min(offset, log.length);
  const data = log.subarray(start, Math.min(log.length, start + length));
  return { offset: start, data: data.toString('utf8'), bytes: data.length, final: start + data.length === log.length };
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
