/**
 * A terminal colour: a number 0–15 is one of the 16 basic colours (drawn from the theme's palette, CSS classes
 * `ansi-fg-N` / `ansi-bg-N`); a string is an exact CSS colour (the 256-colour cube and grays, or 24-bit).
 */
export type AnsiColour = number | string;

/** The six levels of each channel in xterm's 6×6×6 colour cube (codes 16–231). */
const CUBE_LEVELS = [0, 95, 135, 175, 215, 255] as const;

function hex(value: number): string {
  return Math.max(0, Math.min(255, Math.round(value))).toString(16).padStart(2, '0');
}

/** A 24-bit colour as CSS `#rrggbb`. */
export function rgbColour(r: number, g: number, b: number): AnsiColour {
  return `#${hex(r)}${hex(g)}${hex(b)}`;
}

/** A colour of the 256-colour palette (`38;5;n`): 0–15 basic, 16–231 the cube, 232–255 grays. */
export function paletteColour(code: number): AnsiColour | undefined {
  if (!Number.isInteger(code) || code < 0 || code > 255) return undefined;
  if (code < 16) return code;
  if (code < 232) {
    const n = code - 16;
    return rgbColour(CUBE_LEVELS[Math.floor(n / 36)] ?? 0, CUBE_LEVELS[Math.floor(n / 6) % 6] ?? 0, CUBE_LEVELS[n % 6] ?? 0);
  }
  const gray = 8 + (code - 232) * 10;
  return rgbColour(gray, gray, gray);
}

/**
 * The colour after an extended colour code (`38`/`48`), from its sub-parameters: `[5, n]` or `[2, r, g, b]`,
 * also in the colon form where 24-bit carries a colour-space slot first (`38:2::r:g:b`).
 */
export function extendedColour(sub: ReadonlyArray<number>, colonForm: boolean): AnsiColour | undefined {
  const mode = sub[0];
  if (mode === 5) return sub[1] === undefined ? undefined : paletteColour(sub[1]);
  if (mode !== 2) return undefined;
  const channels = colonForm && sub.length >= 5 ? sub.slice(sub.length - 3) : sub.slice(1, 4);
  if (channels.length < 3 || channels.some((value) => !Number.isFinite(value))) return undefined;
  return rgbColour(channels[0] ?? 0, channels[1] ?? 0, channels[2] ?? 0);
}
