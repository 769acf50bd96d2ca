import { ApiFault } from '@taskomatic/shared';
import type { Kysely } from 'kysely';
import { RE2JS } from 're2js';
import type { Tables } from '../db/tables.js';
import { STREAM_CODE } from './log-store.js';

/** What to look for. */
export interface LogQuery {
  readonly query: string;
  readonly regex: boolean;
  readonly caseSensitive: boolean;
  /** Matches returned at most; all are counted. */
  readonly limit: number;
}

/** One matching line. */
export interface LogMatch {
  /** 1-based line number in the stream. */
  readonly line: number;
  /** Byte offset of the line's first byte. */
  readonly offset: number;
  readonly text: string;
}

/** Longest line text returned (and matched by a regular expression): longer lines are cut. */
const LINE_TEXT_LIMIT = 4096;
/** Chunks read per query while scanning. */
const CHUNKS_PER_PAGE = 64;

/**
 * Searches a whole stored log, line by line, reading it a page of chunks at a time so a log of any size is
 * searched in bounded memory. Returns up to `limit` matches, the total count, and whether the list was cut.
 * Regular expressions run on RE2 (re2js): matching takes time linear in the line, whatever the pattern, so no
 * search can hold the server (JavaScript's own engine backtracks exponentially on patterns like `(a|a)*x`).
 */
export async function searchLog(
  db: Kysely<Tables>,
  taskRunId: number,
  stream: 'stdout' | 'stderr',
  query: LogQuery,
): Promise<{ matches: LogMatch[]; total: number; capped: boolean }> {
  const test = matcher(query);
  const matches: LogMatch[] = [];
  let total = 0;
  let line = 1;
  let lineStart = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const visit = (bytes: Buffer): void => {
    const text = bytes.subarray(0, LINE_TEXT_LIMIT * 4).toString('utf8').slice(0, LINE_TEXT_LIMIT).replace(/\r$/, '');
    if (test(text)) {
      total++;
      if (matches.length < query.limit) matches.push({ line, offset: lineStart, text });
    }
  };
  let after = -1;
  for (;;) {
    const chunks = await db
      .selectFrom('log_chunks')
      .select(['offset', 'data'])
      .where('task_run_id', '=', taskRunId)
      .where('stream', '=', STREAM_CODE[stream])
      .where('offset', '>', after)
      .orderBy('offset')
      .limit(CHUNKS_PER_PAGE)
      .execute();
    if (chunks.length === 0) break;
    for (const chunk of chunks) {
      const data = Buffer.from(chunk.data);
      const base = Number(chunk.offset);
      let from = 0;
      for (let nl = data.indexOf(10); nl !== -1; nl = data.indexOf(10, from)) {
        const piece = data.subarray(from, nl);
        visit(pendingBytes > 0 ? Buffer.concat([...pending, piece]) : piece);
        pending = [];
        pendingBytes = 0;
        line++;
        lineStart = base + nl + 1;
        from = nl + 1;
      }
      if (from < data.length && pendingBytes < LINE_TEXT_LIMIT * 4) {
        // A line running across chunks: keep enough of it to match and show.
        pending.push(data.subarray(from));
        pendingBytes += data.length - from;
      }
      after = base;
    }
  }
  if (pendingBytes > 0) visit(Buffer.concat(pending));
  return { matches, total, capped: total > matches.length };
}

function matcher(query: LogQuery): (text: string) => boolean {
  if (!query.regex) {
    if (query.caseSensitive) return (text) => text.includes(query.query);
    const needle = query.query.toLowerCase();
    return (text) => text.toLowerCase().includes(needle);
  }
  let pattern: RE2JS;
  try {
    pattern = RE2JS.compile(query.query, query.caseSensitive ? 0 : RE2JS.CASE_INSENSITIVE);
  } catch (error) {
    throw new ApiFault(
      'INVALID_ARGUMENT',
      `Not a regular expression this server runs (RE2 syntax: no look-around or back-references): ${(error as Error).message}`,
    );
  }
  return (text) => pattern.matcher(text).find();
}
