import { describe, expect, it } from 'vitest';
import { collapseCarriageReturns, cutSpans } from './line-text';

describe('collapseCarriageReturns', () => {
  it('keeps a line without carriage returns, and drops a trailing one (CRLF)', () => {
    expect(collapseCarriageReturns('plain')).toEqual({ text: 'plain', redraws: 0 });
    expect(collapseCarriageReturns('windows\r')).toEqual({ text: 'windows', redraws: 0 });
  });

  it('keeps the last state of a progress line', () => {
    expect(collapseCarriageReturns(' 10%\r 50%\r100%')).toEqual({ text: '100%', redraws: 2 });
  });

  it('overwrites from the start of the line, as a terminal does', () => {
    expect(collapseCarriageReturns('abcdef\rXY').text).toBe('XYcdef');
    expect(collapseCarriageReturns('Downloading 9/10\rDone').text).toBe('Doneloading 9/10');
  });

  it('keeps the last non-empty part when parts are coloured', () => {
    expect(collapseCarriageReturns('\u001b[32m10%\u001b[0m\r\u001b[32m20%\u001b[0m\r').text).toBe('\u001b[32m20%\u001b[0m');
  });
});

describe('cutSpans', () => {
  const spans = [
    { text: 'abc', style: {} },
    { text: 'defgh', style: { fg: 1 } },
  ];

  it('keeps short lines whole', () => {
    expect(cutSpans(spans, 8)).toEqual({ spans, hiddenChars: 0 });
  });

  it('cuts inside a span and counts what is hidden', () => {
    expect(cutSpans(spans, 5)).toEqual({ spans: [spans[0], { text: 'de', style: { fg: 1 } }], hiddenChars: 3 });
    expect(cutSpans(spans, 3)).toEqual({ spans: [spans[0]], hiddenChars: 5 });
  });
});
