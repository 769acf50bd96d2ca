import { describe, expect, it } from 'vitest';
import { cell, formatTable } from './table.js';

describe('formatTable', () => {
  it('pads each column to its widest cell and leaves no trailing blanks', () => {
    expect(formatTable(['ID', 'NAME', 'NOTE'], [['1', 'a-long-name', '-'], ['22', 'b', 'x']])).toBe(
      'ID  NAME         NOTE\n1   a-long-name  -\n22  b            x\n',
    );
  });
});

describe('cell', () => {
  it('puts text on one line, cut with an ellipsis, and shows a dash for nothing', () => {
    expect(cell('disk full\n  while writing')).toBe('disk full while writing');
    expect(cell('abcdefghij', 5)).toBe('abcd…');
    expect(cell(null)).toBe('-');
    expect(cell('')).toBe('-');
    expect(cell(0)).toBe('0');
  });
});
