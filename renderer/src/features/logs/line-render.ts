import { type AnsiSpan, type AnsiStyle, parseAnsi } from './ansi';
import { collapseCarriageReturns, cutSpans } from './line-text';
import type { Highlighter } from './search-match';

/** Characters of a line drawn in its row; the rest is behind "show full". */
export const CUT_CHARS = 2000;

/** A row, ready to draw: styled pieces, what was cut, how often it was redrawn. */
export interface RenderedLine {
  readonly spans: ReadonlyArray<AnsiSpan>;
  /** The shown text (no escape sequences), for highlighting and copying. */
  readonly plain: string;
  readonly hiddenChars: number;
  readonly redraws: number;
}

/** A piece of a drawn row: a styled span, or part of one inside a search match. */
export interface Piece extends AnsiSpan {
  readonly mark: boolean;
}

const CACHE_SIZE = 4000;
const cache = new Map<string, RenderedLine>();

/**
 * Parses a raw line for drawing, cached: following a log redraws the same rows many times, and parsing only
 * the rows in view is what keeps a huge log light.
 */
export function renderLine(raw: string): RenderedLine {
  const hit = cache.get(raw);
  if (hit) return hit;
  const collapsed = collapseCarriageReturns(raw);
  const spans = parseAnsi(collapsed.text);
  const cut = cutSpans(spans, CUT_CHARS);
  const rendered: RenderedLine = { spans: cut.spans, plain: spans.map((span) => span.text).join(''), hiddenChars: cut.hiddenChars, redraws: collapsed.redraws };
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value ?? '');
  cache.set(raw, rendered);
  return rendered;
}

/** The spans of a row cut at the search matches' edges, the matched parts marked. */
export function markMatches(spans: ReadonlyArray<AnsiSpan>, plain: string, highlighter: Highlighter | undefined): ReadonlyArray<Piece> {
  const ranges = highlighter ? highlighter(plain) : [];
  if (ranges.length === 0) return spans.map((span) => ({ ...span, mark: false }));
  const pieces: Piece[] = [];
  let position = 0;
  let range = 0;
  for (const span of spans) {
    let from = 0;
    while (from < span.text.length) {
      const at = position + from;
      while (range < ranges.length && (ranges[range]?.[1] ?? 0) <= at) range++;
      const current = ranges[range];
      const inside = current !== undefined && current[0] <= at;
      const edge = current === undefined ? span.text.length : inside ? current[1] - position : current[0] - position;
      const to = Math.min(span.text.length, Math.max(from + 1, edge));
      pieces.push({ text: span.text.slice(from, to), style: span.style, mark: inside });
      from = to;
    }
    position += span.text.length;
  }
  return pieces;
}

/** CSS classes and inline colours of a style (the 16 colours come from the theme, others are exact). */
export function styleProps(style: AnsiStyle): { className: string; css?: { color?: string; backgroundColor?: string } } {
  const fg = style.inverse ? style.bg : style.fg;
  const bg = style.inverse ? (style.fg ?? 'inverse') : style.bg;
  const classes: string[] = [];
  const css: { color?: string; backgroundColor?: string } = {};
  if (typeof fg === 'number') classes.push(`ansi-fg-${fg}`);
  else if (fg !== undefined) css.color = fg;
  if (typeof bg === 'number') classes.push(`ansi-bg-${bg}`);
  else if (bg === 'inverse') classes.push('ansi-inverse');
  else if (bg !== undefined) css.backgroundColor = bg;
  if (style.inverse && fg === undefined) classes.push('ansi-inverse-fg');
  if (style.bold) classes.push('ansi-bold');
  if (style.dim) classes.push('ansi-dim');
  if (style.italic) classes.push('ansi-italic');
  if (style.underline) classes.push('ansi-underline');
  if (style.strike) classes.push('ansi-strike');
  return css.color || css.backgroundColor ? { className: classes.join(' '), css } : { className: classes.join(' ') };
}
