/**
 * The text of a line found by logs.search, as the API carries it (log reads ask for the exact bytes instead;
 * the search answers strings only). XML 1.0 cannot hold ESC or most other control characters, even as
 * references, so the server sends each as U+FFFD: an ANSI colour `ESC[31m` arrives as `\uFFFD[31m`. This
 * puts the ESC back where U+FFFD opens what can only be an escape sequence: a CSI (`[`, parameters, one final
 * letter) or an OSC (`]…`, ended by BEL or ESC `\`, both of which arrived as U+FFFD too). A U+FFFD anywhere
 * else (bytes that were not UTF-8) stays as it is.
 */
const CSI = /\uFFFD(\[[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e])/g;
const OSC = /\uFFFD\]([^\uFFFD\n]*)\uFFFD\\?/g;

export function restoreEscapes(text: string): string {
  if (!text.includes('\uFFFD')) return text;
  const csi = text.replace(CSI, '\u001b$1');
  return csi.includes('\uFFFD]') ? csi.replace(OSC, '\u001b]$1\u0007') : csi;
}
