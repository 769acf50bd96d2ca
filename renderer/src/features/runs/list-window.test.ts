import { describe, expect, it } from 'vitest';
import { anchorShift, listWindow } from './list-window';

describe('listWindow', () => {
  it('draws the rows in view and the overscan around them', () => {
    expect(listWindow(0, 460, 1000, 46, 10)).toEqual({ first: 0, end: 20 });
    expect(listWindow(4600, 460, 1000, 46, 10)).toEqual({ first: 90, end: 120 });
  });
  it('stops at the ends of the list', () => {
    expect(listWindow(45_540, 460, 1000, 46, 10)).toEqual({ first: 980, end: 1000 });
    expect(listWindow(0, 460, 5, 46, 10)).toEqual({ first: 0, end: 5 });
    expect(listWindow(900, 460, 0, 46, 10)).toEqual({ first: 0, end: 0 });
  });
  it('copes with a view scrolled past a list that shrank', () => {
    expect(listWindow(46_000, 460, 10, 46, 10)).toEqual({ first: 10, end: 10 });
  });
});

describe('anchorShift', () => {
  const same = (a: string, b: string) => a === b;
  it('follows the top row when rows are added above it', () => {
    expect(anchorShift('b', 1, ['e', 'd', 'c', 'b', 'a'], same)).toBe(2);
  });
  it('follows it when rows above it go', () => {
    expect(anchorShift('b', 1, ['b', 'a'], same)).toBe(-1);
  });
  it('stays when the top row itself is gone or nothing was shown', () => {
    expect(anchorShift('b', 1, ['c', 'a'], same)).toBe(0);
    expect(anchorShift(undefined, 0, ['a'], same)).toBe(0);
  });
});
