/**
 * JSON that keeps dates and bytes, for the browser bridge (Electron's structured clone keeps them on its own).
 * A date travels as `{ "$date": "2026-11-28T10:00:00.000Z" }`, bytes (an API base64 value, such as a log read
 * with `encoding: 'base64'`) as `{ "$base64": "G1szMW0=" }`; no other object of ours has such a member.
 */
export function encodeWire(value: unknown): string {
  return JSON.stringify(value, function replacer(this: Record<string, unknown>, key: string, item: unknown) {
    const raw = this[key];
    if (raw instanceof Date) return { $date: raw.toISOString() };
    // Read from the raw value: a Buffer's toJSON has already turned `item` into `{ type, data }`.
    return raw instanceof Uint8Array ? { $base64: toBase64(raw) } : item;
  });
}

/** Reads what `encodeWire` wrote, dates as `Date` and bytes as `Uint8Array`. */
export function decodeWire(text: string): unknown {
  return JSON.parse(text, (_key, item: unknown) => {
    if (item !== null && typeof item === 'object' && !Array.isArray(item) && Object.keys(item).length === 1) {
      const { $date, $base64 } = item as { $date?: unknown; $base64?: unknown };
      if (typeof $date === 'string') return new Date($date);
      if (typeof $base64 === 'string') return fromBase64($base64);
    }
    return item;
  });
}

const ALPHABET = new TextEncoder().encode('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/');
const PAD = 0x3d;
const ASCII = new TextDecoder('latin1');

/**
 * Standard base64, written into bytes and decoded once: log reads carry up to 4 MiB, and building the string
 * piece by piece (or `btoa` on a binary string) takes ten times longer in Node.
 */
function toBase64(bytes: Uint8Array): string {
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  const whole = bytes.length - (bytes.length % 3);
  let at = 0;
  const put = (sextet: number) => (out[at++] = ALPHABET[sextet & 63] ?? PAD);
  for (let i = 0; i < whole; i += 3) {
    const group = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    put(group >> 18);
    put(group >> 12);
    put(group >> 6);
    put(group);
  }
  const rest = bytes.length - whole;
  if (rest > 0) {
    const group = ((bytes[whole] ?? 0) << 16) | (rest === 2 ? (bytes[whole + 1] ?? 0) << 8 : 0);
    put(group >> 18);
    put(group >> 12);
    if (rest === 2) put(group >> 6);
    else out[at++] = PAD;
    out[at++] = PAD;
  }
  return ASCII.decode(out);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
