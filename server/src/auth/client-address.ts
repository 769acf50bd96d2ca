import { isIPv4, isIPv6 } from 'node:net';

/**
 * The key failed logins from an address are counted under. An IPv4 address (also when it arrives mapped into
 * IPv6, `::ffff:192.0.2.7`) counts alone; an IPv6 address counts with its whole /64, since one host commonly
 * owns a /64 and could otherwise step to a fresh address for every guess. Anything else is kept as it is.
 */
export function addressKey(address: string): string {
  const plain = address.replace(/%.*$/, '').replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(plain);
  if (mapped?.[1] !== undefined && isIPv4(mapped[1])) return mapped[1];
  if (isIPv4(plain)) return plain;
  if (!isIPv6(plain)) return plain.slice(0, 100);
  const groups = expandIPv6(plain);
  return groups ? `${groups.slice(0, 4).join(':')}::/64` : plain;
}

/** The eight 16-bit groups of an IPv6 address, lower-case and unpadded; null when it has an embedded IPv4 tail. */
function expandIPv6(address: string): string[] | null {
  if (address.includes('.')) return null;
  const [head = '', tail] = address.toLowerCase().split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  const groups = [...left, ...zeros, ...right].map((g) => g.replace(/^0+(?=.)/, ''));
  return groups.length === 8 ? groups : null;
}
