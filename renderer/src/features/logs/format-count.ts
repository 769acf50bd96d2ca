const COUNT = new Intl.NumberFormat();

/** A count with the reader's digit grouping ("12,345"); one formatter, as toLocaleString builds one per call. */
export function formatCount(value: number): string {
  return COUNT.format(value);
}
