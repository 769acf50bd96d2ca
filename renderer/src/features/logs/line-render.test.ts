import { describe, expect, it } from 'vitest';
import { CUT_CHARS, markMatches, renderLine, styleProps } from './line-render';
import { highlighterOf } from './search-match';

describe('renderLine', () => {
  it('collapses redraws, parses colours and keeps the shown text', () => {
    const line = renderLine('10%\r\u001b[32m100%\u001b[0m done');
    expect(line.redraws).toBe(1);
    expect(line.plain).toBe('100% done');
    expect(line.spans).toEqual([
      { text: '100%', style: { fg: 2 } },
      { text: ' done', style: {} },
    ]);
  });

  it('cuts very long lines and says how much is hidden', () => {
    const line = renderLine('x'.repeat(CUT_CHARS + 123));
    expect(line.hiddenChars).toBe(123);
    expect(line.spans[0]?.text.length).toBe(CUT_CHARS);
    expect(line.plain.length).toBe(CUT_CHARS + 123);
  });
});

describe('markMatches', () => {
  const spans = [
    { text: 'ERROR', style: { fg: 1 } },
    { text: ': disk error', style: {} },
  ];

  it('marks matches across span edges, keeping each span style', () => {
    const pieces = markMatches(spans, 'ERROR: disk error', highlighterOf({ text: 'or: d', caseSensitive: false, regex: false }));
    expect(pieces).toEqual([
      { text: 'ERR', style: { fg: 1 }, mark: false },
      { text: 'OR', style: { fg: 1 }, mark: true },
      { text: ': d', style: {}, mark: true },
      { text: 'isk error', style: {}, mark: false },
    ]);
  });

  it('marks every occurrence and leaves lines without matches whole', () => {
    const pieces = markMatches(spans, 'ERROR: disk error', highlighterOf({ text: 'error', caseSensitive: false, regex: false }));
    expect(pieces.filter((piece) => piece.mark).map((piece) => piece.text)).toEqual(['ERROR', 'error']);
    expect(markMatches(spans, 'ERROR: disk error', undefined)).toEqual(spans.map((span) => ({ ...span, mark: false })));
  });
});

describe('styleProps', () => {
  it('uses theme classes for the 16 colours and exact colours for the others', () => {
    expect(styleProps({ fg: 1, bold: true })).toEqual({ className: 'ansi-fg-1 ansi-bold' });
    expect(styleProps({ fg: '#ff8700', bg: 4 })).toEqual({ className: 'ansi-bg-4', css: { color: '#ff8700' } });
  });

  it('swaps colours for inverse, with the panel colours when none is set', () => {
    expect(styleProps({ fg: 2, bg: '#000000', inverse: true })).toEqual({ className: 'ansi-bg-2', css: { color: '#000000' } });
    expect(styleProps({ inverse: true }).className).toBe('ansi-inverse ansi-inverse-fg');
  });
});
