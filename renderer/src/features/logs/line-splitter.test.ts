import { describe, expect, it } from 'vitest';
import { splitEarlier, splitForward } from './line-splitter';

describe('splitForward', () => {
  it('keeps the unfinished last line for the next read', () => {
    expect(splitForward('', 'a\nb\npart')).toEqual({ lines: ['a', 'b'], pending: 'part' });
    expect(splitForward('part', 'ial\nnext')).toEqual({ lines: ['partial'], pending: 'next' });
    expect(splitForward('', 'a\n')).toEqual({ lines: ['a'], pending: '' });
  });

  it('lets a line span many reads', () => {
    let state = { lines: [] as ReadonlyArray<string>, pending: '' };
    for (const piece of ['lo', 'ng ', 'li', 'ne']) state = splitForward(state.pending, piece);
    expect(state).toEqual({ lines: [], pending: 'long line' });
    expect(splitForward(state.pending, '\n').lines).toEqual(['long line']);
  });

  it('keeps a CRLF split between two reads with its line', () => {
    const first = splitForward('', 'one\r');
    expect(first).toEqual({ lines: [], pending: 'one\r' });
    expect(splitForward(first.pending, '\ntwo\r\n')).toEqual({ lines: ['one\r', 'two\r'], pending: '' });
  });

  it('keeps progress redraws in one raw line', () => {
    expect(splitForward('', '10%\r20%\r').pending).toBe('10%\r20%\r');
  });
});

describe('splitEarlier', () => {
  it('joins the end of the read with the loaded first line', () => {
    expect(splitEarlier('rest of x\ny\nstart of ', 'z', false)).toEqual({ fragment: 'rest of x', lines: ['y', 'start of z'] });
  });

  it('keeps the first line whole when the read began at offset 0', () => {
    expect(splitEarlier('a\nb\n', 'c', true)).toEqual({ lines: ['a', 'b', 'c'] });
  });

  it('gives one fragment when the read holds no line end', () => {
    expect(splitEarlier('middle of a long ', 'line', false)).toEqual({ fragment: 'middle of a long line', lines: [] });
  });
});
