/**
 * Byte bookkeeping for reading a log by byte offset through an API that answers text. The server decodes each
 * slice as UTF-8 and shows bytes that are not valid UTF-8 as U+FFFD; a slice boundary can fall inside a
 * multi-byte character, which then shows as U+FFFD at the end of one slice and at the start of the next. These
 * helpers find such cut characters so that reads can be placed on character boundaries.
 */

const REPLACEMENT = 0xfffd;

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

/**
 * A slice's text without a character cut at its end, and the bytes it stands for. When a read stops inside a
 * character (2 to 4 bytes), the decoder shows its first 1–3 bytes as one U+FFFD; the next read should start at
 * that character's first byte instead. Only trimmed when the byte count proves it: the rest of the text must
 * account for all but 1–3 of the slice's bytes.
 */
export function trimCutTail(text: string, bytes: number): { readonly text: string; readonly bytes: number } {
  if (text.length === 0 || text.charCodeAt(text.length - 1) !== REPLACEMENT) return { text, bytes };
  const kept = text.slice(0, -1);
  const cut = bytes - utf8Length(kept);
  return cut >= 1 && cut <= 3 ? { text: kept, bytes: bytes - cut } : { text, bytes };
}

/**
 * How many U+FFFD open `text` that are the last bytes of a character cut by the read's start (at most 3:
 * each lone continuation byte shows as one U+FFFD). A read of the bytes before should then end that many bytes
 * later, to take the whole character.
 */
export function cutHeadLength(text: string): number {
  let count = 0;
  while (count < 3 && count < text.length && text.charCodeAt(count) === REPLACEMENT) count++;
  return count;
}
