import { type AnsiColour, extendedColour } from './ansi-colour';

/** The look of a run of text, as SGR escape sequences set it. Absent fields are the terminal's default. */
export interface AnsiStyle {
  readonly fg?: AnsiColour;
  readonly bg?: AnsiColour;
  readonly bold?: boolean;
  readonly dim?: boolean;
  readonly italic?: boolean;
  readonly underline?: boolean;
  readonly inverse?: boolean;
  readonly strike?: boolean;
}

/** The default style: no SGR attribute set. */
export const PLAIN: AnsiStyle = Object.freeze({});

/** The style after one SGR sequence (`1;31`, `38;5;208`, `38:2::255:0:0`, or empty for a reset). */
export function applySgr(current: AnsiStyle, params: string): AnsiStyle {
  const codes = params === '' ? ['0'] : params.split(';');
  let style: { -readonly [K in keyof AnsiStyle]: AnsiStyle[K] } = { ...current };
  for (let i = 0; i < codes.length; i++) {
    const parts = (codes[i] ?? '').split(':');
    const code = parts[0] === '' ? 0 : Number(parts[0]);
    if (code === 38 || code === 48) {
      let colour: AnsiColour | undefined;
      if (parts.length > 1) {
        colour = extendedColour(parts.slice(1).map((part) => (part === '' ? Number.NaN : Number(part))), true);
      } else {
        const mode = Number(codes[i + 1]);
        const take = mode === 5 ? 2 : mode === 2 ? 4 : 1;
        colour = extendedColour(codes.slice(i + 1, i + 1 + take).map(Number), false);
        i += take;
      }
      if (colour !== undefined) style = code === 38 ? { ...style, fg: colour } : { ...style, bg: colour };
      continue;
    }
    style = applyCode(style, code);
  }
  return isPlain(style) ? PLAIN : style;
}

function applyCode(style: AnsiStyle, code: number): AnsiStyle {
  if (code >= 30 && code <= 37) return { ...style, fg: code - 30 };
  if (code >= 90 && code <= 97) return { ...style, fg: code - 90 + 8 };
  if (code >= 40 && code <= 47) return { ...style, bg: code - 40 };
  if (code >= 100 && code <= 107) return { ...style, bg: code - 100 + 8 };
  switch (code) {
    case 0:
      return PLAIN;
    case 1:
      return { ...style, bold: true };
    case 2:
      return { ...style, dim: true };
    case 3:
      return { ...style, italic: true };
    case 4:
      return { ...style, underline: true };
    case 7:
      return { ...style, inverse: true };
    case 9:
      return { ...style, strike: true };
    case 21:
    case 22:
      return { ...style, bold: undefined, dim: undefined };
    case 23:
      return { ...style, italic: undefined };
    case 24:
      return { ...style, underline: undefined };
    case 27:
      return { ...style, inverse: undefined };
    case 29:
      return { ...style, strike: undefined };
    case 39:
      return { ...style, fg: undefined };
    case 49:
      return { ...style, bg: undefined };
    default:
      // Blink, fonts, overline...: not shown.
      return style;
  }
}

function isPlain(style: AnsiStyle): boolean {
  return Object.values(style).every((value) => value === undefined);
}
