import { describe, expect, it } from 'vitest';
import { renderLine } from './line-render';
import { anchorOf } from './line-anchor';
import { appendRead, earlierRange, prependRead, type ReadSlice, rowAt, rowCount, windowFromRead } from './log-window';
import { extendMatches, textMatcher } from './search-match';
import { TAIL_BYTES } from './window-loads';

/** A 50 MB log as the demo's biggest tasks print it: coloured, a progress line now and then, an error every 1,000 lines. */
function syntheticLog(megabytes: number): { log: Buffer; lines: number } {
  const parts: string[] = [];
  let bytes = 0;
  let n = 0;
  while (bytes < megabytes * 1024 * 1024) {
    n++;
    const line =
      n % 1000 === 0
        ? `2024-05-01T10:00:00Z \u001b[31mERROR\u001b[0m package-${n}.rpm: checksum mismatch\n`
        : n % 250 === 0
          ? `2024-05-01T10:00:00Z downloading ${n}: 10%\r40%\r100%\n`
          : `2024-05-01T10:00:00Z \u001b[32mINFO\u001b[0m fetched package-${n}-1.0.${n % 17}.x86_64.rpm (${(n * 13) % 4096} kB) é\n`;
    parts.push(line);
    bytes += Buffer.byteLength(line);
  }
  return { log: Buffer.from(parts.join('')), lines: n };
}

function read(log: Buffer, offset: number, length: number): ReadSlice {
  const data = log.subarray(offset, Math.min(log.length, offset + length));
  return { offset, data, final: offset + data.length === log.length };
}

function timed<T>(what: string, run: () => T): T {
  const started = performance.now();
  const result = run();
  console.log(`${what}: ${(performance.now() - started).toFixed(1)} ms`);
  return result;
}

describe('a 50 MB log through the pure functions', () => {
  const { log, lines } = syntheticLog(50);

  it('opens by its tail, draws the rows in view, loads whole, searches and follows', () => {
    const tail = timed('tail window (128 KiB)', () => windowFromRead(read(log, log.length - TAIL_BYTES, TAIL_BYTES)));
    timed('render the 50 rows in view', () => {
      for (let row = rowCount(tail) - 50; row < rowCount(tail); row++) renderLine(rowAt(tail, row));
    });
    expect(anchorOf(tail)).toBeDefined();

    let window = tail;
    timed('load earlier to the start, 1 MiB at a time', () => {
      while (window.startOffset > 0) {
        const range = earlierRange(window, 1024 * 1024 - 3);
        window = prependRead(window, read(log, range.offset, range.length));
      }
    });
    expect(rowCount(window)).toBe(lines);
    expect(window.firstLine).toBe(1);
    expect(rowAt(window, 999)).toContain('package-1000.rpm');

    const test = textMatcher({ text: 'checksum mismatch', caseSensitive: false, regex: false });
    const found = timed(`search ${lines} loaded lines`, () => (test ? extendMatches(undefined, 'q', window, test).lines : []));
    expect(found.length).toBe(Math.floor(lines / 1000));

    // Following: 5,000 lines per read, as a run printing 5,000 lines a second polled every second.
    let more = Buffer.alloc(0);
    const batch = Buffer.from(Array.from({ length: 5000 }, (_, i) => `follow ${i}\n`).join(''));
    const times: number[] = [];
    for (let step = 0; step < 20; step++) {
      more = Buffer.concat([log, ...Array.from({ length: step + 1 }, () => batch)]);
      const started = performance.now();
      window = appendRead(window, read(more, window.endOffset, batch.length));
      times.push(performance.now() - started);
    }
    console.log(`append 5,000 lines to a ${lines}-line window: median ${times.sort((a, b) => a - b)[10]?.toFixed(2)} ms, max ${times[19]?.toFixed(2)} ms`);
    expect(rowCount(window)).toBe(lines + 100_000);
  });
});
