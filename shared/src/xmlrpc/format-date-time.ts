/**
 * A date as `dateTime.iso8601` in UTC, `YYYYMMDDTHH:MM:SS`: the spec's own example form, which Python's
 * `xmlrpc.client` and Apache XML-RPC both read. It has no zone (the API states every instant in UTC) and no
 * fraction, so milliseconds are dropped (cut, not rounded: a run never appears to end after it did).
 * Returns undefined for an Invalid Date or a year outside 0000-9999, which the form cannot hold.
 */
export function formatDateTime(date: Date): string | undefined {
  const year = date.getUTCFullYear();
  if (!(year >= 0 && year <= 9999)) return undefined; // NaN for an Invalid Date fails too
  return (
    String(year).padStart(4, '0') +
    two(date.getUTCMonth() + 1) +
    two(date.getUTCDate()) +
    'T' +
    two(date.getUTCHours()) +
    ':' +
    two(date.getUTCMinutes()) +
    ':' +
    two(date.getUTCSeconds())
  );
}

function two(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}
