/** True for XML whitespace: space, tab, newline (a carriage return is gone after line-end normalisation). */
export function isXmlSpaceCode(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09;
}

/** True when `text` is only XML whitespace (or empty). */
export function isXmlSpace(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) if (!isXmlSpaceCode(text.charCodeAt(index))) return false;
  return true;
}

/** `text` without leading and trailing XML whitespace (unlike `String.trim`, which also drops U+00A0 and others). */
export function trimXmlSpace(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isXmlSpaceCode(text.charCodeAt(start))) start += 1;
  while (end > start && isXmlSpaceCode(text.charCodeAt(end - 1))) end -= 1;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}
