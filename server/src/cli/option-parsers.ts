import { InvalidArgumentError } from 'commander';
import { isRunStatus, RUN_STATUSES, type RunStatus } from '@taskomatic/shared';

/** Parses a positive integer option. */
export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive whole number');
  return n;
}

const BYTE_UNITS: Readonly<Record<string, number>> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** Parses a byte count: a whole number, optionally with a binary suffix (`64k`, `10M`, `1G`). */
export function byteCount(value: string): number {
  const match = /^(\d+)\s*([kmg]?)(?:i?b)?$/i.exec(value.trim());
  const unit = match ? BYTE_UNITS[(match[2] ?? '').toLowerCase()] : undefined;
  const n = match && unit !== undefined ? Number(match[1]) * unit : Number.NaN;
  if (!Number.isSafeInteger(n)) throw new InvalidArgumentError('expected a number of bytes, e.g. 4096, 64k or 10M');
  return n;
}

/** Parses one run status or a comma-separated list of them, in any case (`failed,timed_out`). */
export function runStatuses(value: string): ReadonlyArray<RunStatus> {
  const statuses = value.split(',').map((s) => s.trim().toUpperCase()).filter((s) => s !== '');
  const unknown = statuses.filter((s) => !isRunStatus(s));
  if (statuses.length === 0 || unknown.length > 0) {
    throw new InvalidArgumentError(`expected one or more of ${RUN_STATUSES.join(', ')} (comma-separated)`);
  }
  return statuses as RunStatus[];
}

/**
 * Parses an instant: ISO 8601 with `Z` or an offset (`2027-03-13T00:00:00Z`, `2027-03-13T01:00+01:00`), or a
 * date alone (midnight UTC). A date-time without an offset is refused rather than read in the host's zone.
 * Returns epoch milliseconds, or an error message.
 */
export function parseInstant(text: string): number | { readonly error: string } {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const dateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i.test(text);
  const ms = (dateOnly || dateTime) && isRealDate(text) ? Date.parse(text) : Number.NaN;
  if (Number.isFinite(ms)) return ms;
  return { error: `'${text}' is not an ISO 8601 instant with Z or an offset (e.g. 2027-03-13T00:00:00Z)` };
}

/** Date.parse rolls 2027-02-30 over to March; a typo should be refused instead. */
function isRealDate(text: string): boolean {
  const [year = 0, month = 0, day = 0] = text.slice(0, 10).split('-').map(Number);
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `parseInstant` as a commander option parser. */
export function instantOption(value: string): number {
  const parsed = parseInstant(value);
  if (typeof parsed !== 'number') throw new InvalidArgumentError(parsed.error);
  return parsed;
}
