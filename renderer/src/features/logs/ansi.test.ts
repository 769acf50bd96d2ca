import { describe, expect, it } from 'vitest';
import { parseAnsi, plainText } from './ansi';
import { applySgr } from './ansi-sgr';
import { paletteColour } from './ansi-colour';

const E = '\u001b';

describe('parseAnsi', () => {
  it('gives plain text as one span, and nothing for an empty line', () => {
    expect(parseAnsi('hello world')).toEqual([{ text: 'hello world', style: {} }]);
    expect(parseAnsi('')).toEqual([]);
  });

  it('splits on the 16 colours and resets', () => {
    expect(parseAnsi(`a${E}[31mred${E}[0m b ${E}[1;92mbright${E}[m`)).toEqual([
      { text: 'a', style: {} },
      { text: 'red', style: { fg: 1 } },
      { text: ' b ', style: {} },
      { text: 'bright', style: { bold: true, fg: 10 } },
    ]);
  });

  it('reads backgrounds, bright backgrounds and default colours', () => {
    const spans = parseAnsi(`${E}[41;33mx${E}[39my${E}[49;104mz`);
    expect(spans.map((span) => span.style)).toEqual([{ fg: 3, bg: 1 }, { bg: 1 }, { bg: 12 }]);
  });

  it('reads 256 colours: basic, cube and grays', () => {
    expect(parseAnsi(`${E}[38;5;9mA`)[0]?.style).toEqual({ fg: 9 });
    expect(parseAnsi(`${E}[38;5;208mA`)[0]?.style).toEqual({ fg: '#ff8700' });
    expect(parseAnsi(`${E}[48;5;244mA`)[0]?.style).toEqual({ bg: '#808080' });
    expect(paletteColour(16)).toBe('#000000');
    expect(paletteColour(231)).toBe('#ffffff');
    expect(paletteColour(256)).toBeUndefined();
  });

  it('reads 24-bit colour in the semicolon and colon forms', () => {
    expect(parseAnsi(`${E}[38;2;255;100;0mA`)[0]?.style).toEqual({ fg: '#ff6400' });
    expect(parseAnsi(`${E}[38:2::1:2:3mA`)[0]?.style).toEqual({ fg: '#010203' });
    expect(parseAnsi(`${E}[48:2:10:20:30mA`)[0]?.style).toEqual({ bg: '#0a141e' });
    // The colour's parameters are consumed: the 1 after them is bold, not part of the colour.
    expect(parseAnsi(`${E}[38;2;1;2;3;1mA`)[0]?.style).toEqual({ fg: '#010203', bold: true });
  });

  it('turns attributes on and off', () => {
    const style = applySgr(applySgr({}, '1;2;3;4;7;9'), '22;23;24;27;29');
    expect(style).toEqual({});
    expect(applySgr({}, '4')).toEqual({ underline: true });
  });

  it('drops other escape sequences, OSC titles and links, and control characters', () => {
    expect(plainText(`${E}[2K${E}[1Gdone${E}]0;title\u0007!${E}]8;;http://x${E}\\link${E}]8;;${E}\\\u0008`)).toBe('done!link');
    expect(plainText(`a${E}(Bb${E}=c`)).toBe('abc');
    expect(plainText('tab\tkept')).toBe('tab\tkept');
  });

  it('survives a sequence cut at the end of a line', () => {
    expect(parseAnsi(`ok${E}[3`)).toEqual([{ text: 'ok', style: {} }]);
    expect(parseAnsi(`ok${E}`)).toEqual([{ text: 'ok', style: {} }]);
  });

  it('ignores colours it cannot read', () => {
    expect(parseAnsi(`${E}[38;5mA`)[0]?.style).toEqual({});
    // An unknown colour mode is skipped; what follows it still applies.
    expect(parseAnsi(`${E}[38;7;1mA`)[0]?.style).toEqual({ bold: true });
  });
});

describe('plainText', () => {
  it('gives the text of parseAnsi spans, faster', () => {
    const lines = [
      `${E}[1;31mERROR${E}[0m: disk ${E}[38;5;208mfull${E}[m`,
      `${E}]0;title\u0007shown${E}]8;;http://x${E}\\link${E}]8;;${E}\\`,
      `cut at the end ${E}[3`,
      `lone ${E}`,
      `${E}(Bcharset${E}=keypad`,
      `${E}]unterminated osc`,
      'plain\ttext\u0007',
    ];
    for (const line of lines) expect(plainText(line)).toBe(parseAnsi(line).map((span) => span.text).join(''));
  });
});
