import { describe, expect, it } from 'vitest';
import { restoreEscapes } from './wire-text';

describe('restoreEscapes', () => {
  it('puts ESC back before what can only be an escape sequence', () => {
    expect(restoreEscapes('\uFFFD[31mred\uFFFD[0m \uFFFD[38;5;208mx\uFFFD[2K')).toBe('\u001b[31mred\u001b[0m \u001b[38;5;208mx\u001b[2K');
  });

  it('restores OSC sequences and their BEL or ST end', () => {
    expect(restoreEscapes('\uFFFD]0;title\uFFFDrest')).toBe('\u001b]0;title\u0007rest');
    expect(restoreEscapes('\uFFFD]8;;http://x\uFFFD\\link')).toBe('\u001b]8;;http://x\u0007link');
  });

  it('leaves other U+FFFD (bytes that were not UTF-8) alone', () => {
    expect(restoreEscapes('caf\uFFFD and [31m')).toBe('caf\uFFFD and [31m');
    expect(restoreEscapes('plain')).toBe('plain');
  });
});
