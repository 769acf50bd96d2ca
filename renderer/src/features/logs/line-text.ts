import type { AnsiSpan } from './ansi';

/** A raw line as a terminal would leave it after its `\r` redraws. */
export interface CollapsedLine {
  readonly text: string;
  /** How many times the line was redrawn (`\r`): a progress bar's updates, collapsed into its last state. */
  readonly redraws: number;
}

const ESC = '\u001b';

/**
 * Collapses the carriage returns of one raw line. A `\r` moves the cursor back to the start of the line, so
 * later text overwrites earlier text: `10%\r20%\r30%` shows `30%`, and `abcdef\rXY` shows `XYcdef`. Trailing
 * `\r` (Windows line ends) are ignored. When a part carries escape sequences, character positions are not
 * known without a full terminal, so the last non-empty part wins (what progress bars draw anyway).
 */
export function collapseCarriageReturns(raw: string): CollapsedLine {
  let end = raw.length;
  while (end > 0 && raw.charCodeAt(end - 1) === 13) end--;
  const line = end === raw.length ? raw : raw.slice(0, end);
  if (!line.includes('\r')) return { text: line, redraws: 0 };
  const parts = line.split('\r');
  const redraws = parts.length - 1;
  if (line.includes(ESC)) {
    const last = [...parts].reverse().find((part) => part !== '') ?? '';
    return { text: last, redraws };
  }
  let shown = '';
  for (const part of parts) shown = part.length >= shown.length ? part : part + shown.slice(part.length);
  return { text: shown, redraws };
}

/** Spans cut to a number of characters, and how many characters were left out. */
export interface CutLine {
  readonly spans: ReadonlyArray<AnsiSpan>;
  readonly hiddenChars: number;
}

/**
 * Cuts a line's spans after `limit` characters: very long lines (minified JSON, base64) would make one row
 * megabytes wide. The viewer marks a cut line and offers "show full".
 */
export function cutSpans(spans: ReadonlyArray<AnsiSpan>, limit: number): CutLine {
  let kept = 0;
  let total = 0;
  for (const span of spans) total += span.text.length;
  if (total <= limit) return { spans, hiddenChars: 0 };
  const result: AnsiSpan[] = [];
  for (const span of spans) {
    if (kept >= limit) break;
    const room = limit - kept;
    result.push(span.text.length <= room ? span : { text: span.text.slice(0, room), style: span.style });
    kept += Math.min(room, span.text.length);
  }
  return { spans: result, hiddenChars: total - kept };
}
