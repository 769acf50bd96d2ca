import { describe, expect, it } from 'vitest';
import { appendRead, windowFromRead } from './log-window';
import { extendMatches, highlighterOf, matchingLines, nextErrorRow, shownText, textMatcher } from './search-match';

const text = 'Sync started\n\u001b[31mERROR\u001b[0m: disk full\nprogress 10%\rprogress 100%\nerror again\nfine\n';
const window = windowFromRead({ offset: 0, data: Buffer.from(text) });

describe('search in the loaded part', () => {
  it('matches the text as shown: colours and redraws left out', () => {
    expect(shownText('\u001b[31mERROR\u001b[0m: disk')).toBe('ERROR: disk');
    const test = textMatcher({ text: 'error: disk', caseSensitive: false, regex: false });
    expect(test && matchingLines(window, test)).toEqual([2]);
    expect(matchingLines(window, textMatcher({ text: 'progress 10%', caseSensitive: false, regex: false }) ?? (() => false))).toEqual([]);
  });

  it('respects case', () => {
    const test = textMatcher({ text: 'ERROR', caseSensitive: true, regex: false });
    expect(test && matchingLines(window, test)).toEqual([2]);
  });

  it('leaves regular expressions to the satellite', () => {
    expect(textMatcher({ text: 'err.r', caseSensitive: false, regex: true })).toBeUndefined();
    expect(textMatcher({ text: '', caseSensitive: false, regex: false })).toBeUndefined();
  });

  it('finds the next line that looks like an error', () => {
    expect(nextErrorRow(window, -1)).toBe(1);
    expect(nextErrorRow(window, 1)).toBe(3);
    expect(nextErrorRow(window, 3)).toBe(-1);
  });
});

describe('highlighterOf', () => {
  it('marks every occurrence of plain text, special characters included', () => {
    expect(highlighterOf({ text: 'a.b', caseSensitive: false, regex: false })?.('A.B axb a.b')).toEqual([
      [0, 3],
      [8, 11],
    ]);
  });

  it('marks regular expression matches and skips empty ones', () => {
    expect(highlighterOf({ text: '\\d+', caseSensitive: true, regex: true })?.('a1 b22')).toEqual([
      [1, 2],
      [4, 6],
    ]);
    expect(highlighterOf({ text: 'x*', caseSensitive: true, regex: true })?.('ab')).toEqual([]);
  });

  it('does not highlight patterns that could backtrack for ever, nor invalid ones', () => {
    expect(highlighterOf({ text: '(a+)+$', caseSensitive: true, regex: true })).toBeUndefined();
    expect(highlighterOf({ text: '(x|y*)*z', caseSensitive: true, regex: true })).toBeUndefined();
    expect(highlighterOf({ text: '(unclosed', caseSensitive: true, regex: true })).toBeUndefined();
  });
});

describe('extendMatches', () => {
  it('searches only the lines that came since, and the unfinished one each time', () => {
    const test = textMatcher({ text: 'hit', caseSensitive: false, regex: false }) ?? (() => false);
    const first = windowFromRead({ offset: 0, data: Buffer.from('hit 1\nmiss\nhit 3\nhit part') });
    const one = extendMatches(undefined, 'q', first, test);
    expect(one.lines).toEqual([1, 3, 4]);
    expect(one.kept.scanned).toBe(3);
    const grown = appendRead(first, { offset: 25, data: Buffer.from('ial\nmiss\nhit 6\n') });
    let calls = 0;
    const counting = (line: string) => {
      calls++;
      return test(line);
    };
    const two = extendMatches(one.kept, 'q', grown, counting);
    expect(two.lines).toEqual([1, 3, 4, 6]);
    expect(calls).toBe(3);
    expect(extendMatches(one.kept, 'other', grown, test).kept.scanned).toBe(6);
  });
});
