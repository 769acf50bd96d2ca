import { describe, expect, it } from 'vitest';
import { anchorOf, firstLineFromMatches, firstLineFromTotal } from './line-anchor';
import { windowFromRead } from './log-window';

const lines = Array.from({ length: 100 }, (_, i) => (i % 10 === 0 ? `\u001b[32mok\u001b[0m` : `line ${i + 1}: fetched package-${i}.rpm (${i * 3} kB) é`));
const log = Buffer.from(`${lines.join('\n')}\n`);

function tail(bytes: number) {
  const start = log.length - bytes;
  const data = log.subarray(start);
  return windowFromRead({ offset: start, data, final: true });
}

describe('line anchors', () => {
  it('picks a whole line without control characters, at its exact byte offset', () => {
    const window = tail(2000);
    const anchor = anchorOf(window);
    expect(anchor).toBeDefined();
    if (!anchor) return;
    expect(anchor.row).toBeGreaterThan(0);
    const lineIndex = lines.findIndex((line) => line === anchor.query);
    expect(log.indexOf(Buffer.from(`${anchor.query}\n`))).toBe(anchor.offset);
    // The satellite answers matches with line numbers and offsets; the one at the anchor's offset numbers the window.
    const first = firstLineFromMatches(anchor, [
      { line: 3, offset: 12 },
      { line: lineIndex + 1, offset: anchor.offset },
    ]);
    expect(first).toBe(lineIndex + 1 - anchor.row);
  });

  it('finds nothing when no match is at the anchor offset', () => {
    expect(firstLineFromMatches({ row: 2, offset: 100, query: 'x' }, [{ line: 1, offset: 0 }])).toBeUndefined();
  });

  it('numbers a window that reaches the end of an ended log from its line count', () => {
    const window = tail(2000);
    const first = firstLineFromTotal(window, 100, log.length);
    expect(first).toBeDefined();
    expect(first).toBeLessThan(100);
  });
});

describe('line anchors in coloured logs', () => {
  it('searches for the longest plain piece of a coloured line', () => {
    const coloured = Array.from({ length: 50 }, (_, i) => `2024-01-01 \u001b[32mINFO\u001b[0m fetched package-${i}.rpm`);
    const data = `${coloured.join('\n')}\n`;
    const start = 100;
    const window = windowFromRead({ offset: start, data: Buffer.from(data.slice(start)), final: true });
    const anchor = anchorOf(window);
    expect(anchor?.query).toMatch(/^ fetched package-\d+\.rpm$/);
    // The line at the anchor's offset holds the query (the data is ASCII: bytes and characters agree).
    if (anchor) expect(data.slice(anchor.offset, data.indexOf('\n', anchor.offset))).toContain(anchor.query);
    if (anchor) expect(data[anchor.offset - 1]).toBe('\n');
  });

  it('counts control characters and escape sequences as the bytes they are when placing the anchor', () => {
    const noisy = Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? `\u0007\u0000\u001b[1m\u00e9\u0008\u001b[0m` : `\u001b[2K\rstep ${i}: downloaded package-${i}.rpm \u20ac`));
    const log = Buffer.from(`${noisy.join('\n')}\n`);
    const window = windowFromRead({ offset: 0, data: log, final: true });
    const anchor = anchorOf(window);
    expect(anchor?.query).toMatch(/^step \d+: downloaded package-\d+\.rpm \u20ac$/);
    if (anchor) expect(log.subarray(anchor.offset).toString('utf8').startsWith(`${noisy[anchor.row]}\n`)).toBe(true);
  });
});
