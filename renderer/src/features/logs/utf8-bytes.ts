/**
 * UTF-8 at byte offsets. A log is read as exact bytes by byte ranges, and a range's edge can fall inside a
 * character (2 to 4 bytes). Reads are kept on character boundaries: a forward read leaves a character cut by its
 * end to the next read (`cutTailLength`), and the bytes opening a read that end a character begun before it
 * (`cutHeadLength`) are read again with the bytes before, when those are loaded.
 */

/** Bytes that are not UTF-8 become U+FFFD (a lone continuation byte one each); a byte order mark is kept, as text. */
const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** The text of bytes read from a log: ESC and every other control character kept. */
export function decodeUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/** Bytes of `text` in UTF-8. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

const isContinuation = (byte: number) => (byte & 0xc0) === 0x80;

/** Bytes of the character a lead byte opens: 1 for ASCII, 0 for a byte no character starts with. */
function sequenceLength(byte: number): number {
  if (byte < 0x80) return 1;
  if (byte >= 0xc2 && byte <= 0xdf) return 2;
  if (byte >= 0xe0 && byte <= 0xef) return 3;
  if (byte >= 0xf0 && byte <= 0xf4) return 4;
  return 0;
}

/** The second bytes a lead byte allows (UTF-8 has no overlong forms, surrogates or code points past U+10FFFF). */
function secondAllowed(lead: number, second: number): boolean {
  if (lead === 0xe0) return second >= 0xa0 && second <= 0xbf;
  if (lead === 0xed) return second >= 0x80 && second <= 0x9f;
  if (lead === 0xf0) return second >= 0x90 && second <= 0xbf;
  if (lead === 0xf4) return second >= 0x80 && second <= 0x8f;
  return isContinuation(second);
}

/**
 * How many bytes at the end of `bytes` begin a character that they do not finish (0–3): the start of a valid
 * character whose last bytes were not read yet. A forward read keeps them for the next read, which then starts
 * at that character's first byte. Bytes that cannot become a character (invalid whatever follows) are not cut:
 * they show as U+FFFD now, as they would later.
 */
export function cutTailLength(bytes: Uint8Array): number {
  const end = bytes.length;
  for (let back = 1; back <= Math.min(3, end); back++) {
    const byte = bytes[end - back] ?? 0;
    if (isContinuation(byte)) continue;
    if (sequenceLength(byte) <= back) return 0;
    return back === 1 || secondAllowed(byte, bytes[end - back + 1] ?? 0) ? back : 0;
  }
  return 0;
}

/**
 * How many continuation bytes open `bytes` (at most 3): the end of a character cut by a read's start. Each shows
 * as one U+FFFD; a read of the bytes before should end that many bytes later, to take the whole character.
 */
export function cutHeadLength(bytes: Uint8Array): number {
  let count = 0;
  while (count < 3 && count < bytes.length && isContinuation(bytes[count] ?? 0)) count++;
  return count;
}
