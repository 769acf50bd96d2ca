/**
 * Plain-text columns for terminals: each column as wide as its widest cell, two spaces apart, the last one
 * unpadded so lines carry no trailing blanks. Cells are single-line (see `cell`).
 */
export function formatTable(headers: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>): string {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: ReadonlyArray<string>): string =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].map((text) => `${text}\n`).join('');
}

/**
 * A value made fit for one table cell: line breaks and runs of blanks become one space (a multi-line reason
 * would break the columns), and text longer than `max` ends with an ellipsis (default: no limit).
 */
export function cell(value: string | number | null | undefined, max = Infinity): string {
  if (value === null || value === undefined || value === '') return '-';
  const text = String(value).replace(/\s+/g, ' ').trim();
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}
