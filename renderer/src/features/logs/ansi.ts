import { type AnsiStyle, applySgr, PLAIN } from './ansi-sgr';

export type { AnsiStyle };

/** A run of text with one style. The viewer renders each as a `<span>` (text content, never HTML). */
export interface AnsiSpan {
  readonly text: string;
  readonly style: AnsiStyle;
}

const ESC = '\u001b';
// Control characters other than tab shown as nothing: BEL, backspace, vertical tab, form feed...
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/**
 * Splits one line of terminal output into styled spans. Understands SGR (`ESC[…m`: bold, dim, italic,
 * underline, inverse, strike, the 16 colours, 256 colours and 24-bit colour in `;` and `:` forms); drops every
 * other escape sequence (cursor moves, erase, OSC titles and links) and control characters. Each line starts
 * in the default style: a colour left on at the end of a line does not spill into the next one, so any line can
 * be drawn alone (the viewer draws only the lines in view).
 */
export function parseAnsi(line: string): ReadonlyArray<AnsiSpan> {
  if (!line.includes(ESC)) return line === '' ? [] : [{ text: line.replace(CONTROLS, ''), style: PLAIN }];
  const spans: AnsiSpan[] = [];
  let style = PLAIN;
  let text = '';
  const flush = () => {
    const clean = text.replace(CONTROLS, '');
    if (clean !== '') {
      const last = spans[spans.length - 1];
      if (last && last.style === style) spans[spans.length - 1] = { text: last.text + clean, style };
      else spans.push({ text: clean, style });
    }
    text = '';
  };
  let i = 0;
  while (i < line.length) {
    const esc = line.indexOf(ESC, i);
    if (esc === -1) {
      text += line.slice(i);
      break;
    }
    text += line.slice(i, esc);
    const sequence = readEscape(line, esc);
    if (sequence.sgr !== undefined) {
      flush();
      style = applySgr(style, sequence.sgr);
    }
    i = sequence.end;
  }
  flush();
  return spans;
}

// Every escape sequence, as readEscape reads them: CSI (final byte optional at the end of a line), OSC (ended by
// BEL, ST or the line's end), the three-character charset ones, and any other two-character one.
const ESCAPES = /\u001b(?:\[[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]?|\][\s\S]*?(?:\u0007|\u001b\\|$)|[()#%][\s\S]?|[\s\S]?)/g;

/** The text of a line as it shows: escape sequences and control characters removed (what parseAnsi's spans hold). */
export function plainText(line: string): string {
  return (line.includes(ESC) ? line.replace(ESCAPES, '') : line).replace(CONTROLS, '');
}

/** Where the escape sequence at `start` ends, and its SGR parameters when it is one. */
function readEscape(line: string, start: number): { end: number; sgr?: string } {
  const kind = line[start + 1];
  if (kind === '[') {
    let end = start + 2;
    // Parameter and intermediate bytes, then one final byte (0x40–0x7E).
    while (end < line.length && line.charCodeAt(end) >= 0x20 && line.charCodeAt(end) <= 0x3f) end++;
    const final = line[end];
    if (final === undefined) return { end: line.length };
    return final === 'm' ? { end: end + 1, sgr: line.slice(start + 2, end) } : { end: end + 1 };
  }
  if (kind === ']') {
    // Operating system command (title, hyperlink): ends at BEL or ST (ESC \).
    const bel = line.indexOf('\u0007', start);
    const st = line.indexOf(`${ESC}\\`, start);
    const ends = [bel === -1 ? Infinity : bel + 1, st === -1 ? Infinity : st + 2];
    const end = Math.min(...ends);
    return { end: end === Infinity ? line.length : end };
  }
  if (kind === '(' || kind === ')' || kind === '#' || kind === '%') return { end: Math.min(line.length, start + 3) };
  return { end: Math.min(line.length, start + 2) };
}
