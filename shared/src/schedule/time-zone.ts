import { DAY_MS, SECOND_MS, wallTime } from './calendar.js';

// UTC offsets of IANA time zones from `Intl.DateTimeFormat` alone (no tz database of our own). Asking Intl costs
// a few microseconds, so each zone's offsets are learnt once per 32-day chunk of time: the offset at every day
// boundary, and each change between two days pinned to the second by bisection. Later questions are a map lookup.
// Assumes a zone changes its offset at most once between two consecutive midnights UTC, as every real zone does.

/** A time zone name that neither Intl nor this module knows. */
export class UnknownTimeZoneError extends Error {
  override readonly name = 'UnknownTimeZoneError';
  readonly zone: string;

  constructor(zone: string) {
    super(`Unknown time zone: '${zone}' (expected an IANA name such as 'Europe/Prague' or 'UTC')`);
    this.zone = zone;
  }
}

/**
 * A stretch of time during which a zone keeps one UTC offset: instants `start <= t < end`, wall time `t + offset`.
 * `previousOffset` is the offset just before `start` when `start` is a real change (a daylight-saving transition),
 * and equals `offset` when the stretch was only cut for caching.
 */
export interface OffsetSpan {
  readonly start: number;
  readonly end: number;
  readonly offset: number;
  readonly previousOffset: number;
}

interface Transition {
  readonly at: number;
  readonly offset: number;
  readonly previousOffset: number;
}

interface Chunk {
  readonly start: number;
  readonly end: number;
  readonly startOffset: number;
  /** Changes with `start < at <= end`, ascending. */
  readonly transitions: ReadonlyArray<Transition>;
}

interface ZoneRules {
  readonly formatter: Intl.DateTimeFormat | null;
  readonly chunks: Map<number, Chunk>;
}

const CHUNK_DAYS = 32;
const CHUNK_MS = CHUNK_DAYS * DAY_MS;
/** Enough chunks for about 180 years; past that the cache starts over rather than grow without end. */
const MAX_CHUNKS_PER_ZONE = 2048;
/** The longest daylight-saving gap or overlap considered (Samoa skipped a whole day in 2011). */
const MAX_SHIFT_MS = DAY_MS;

const EARLIEST_INTL = wallTime(1000, 1, 2, 0, 0, 0);
const LATEST_INTL = wallTime(9999, 12, 30, 0, 0, 0);
const UTC_NAMES = new Set(['UTC', 'ETC/UTC', 'ETC/UCT', 'UCT', 'GMT', 'ETC/GMT', 'ETC/GMT0', 'ETC/ZULU', 'ZULU']);
const UTC_SPAN: OffsetSpan = Object.freeze({ start: -Infinity, end: Infinity, offset: 0, previousOffset: 0 });
const UTC_RULES: ZoneRules = { formatter: null, chunks: new Map() };
/** Rules by zone name as callers spell it. */
const zones = new Map<string, ZoneRules>();
const MAX_ZONE_NAMES = 1024;

/** True when `zone` is an IANA time zone name that Intl knows (case-insensitive, as Intl is), or 'UTC'. */
export function isValidTimeZone(zone: string): boolean {
  try {
    rulesOf(zone);
    return true;
  } catch (error) {
    if (error instanceof UnknownTimeZoneError) return false;
    throw error;
  }
}

/** Intl's canonical spelling of a zone name ('europe/prague' -> 'Europe/Prague'); throws for unknown zones. */
export function canonicalTimeZone(zone: string): string {
  const rules = rulesOf(zone);
  return rules.formatter === null ? 'UTC' : rules.formatter.resolvedOptions().timeZone;
}

/** The UTC offset of `zone` at `instant`, in milliseconds (positive east of Greenwich). */
export function timeZoneOffset(zone: string, instant: number): number {
  return offsetSpanAt(zone, instant).offset;
}

/** The stretch of constant offset of `zone` that contains `instant`. Throws UnknownTimeZoneError. */
export function offsetSpanAt(zone: string, instant: number): OffsetSpan {
  const rules = rulesOf(zone);
  if (rules.formatter === null) return UTC_SPAN;
  const index = Math.floor(instant / CHUNK_MS);
  const chunk = chunkOf(rules, index);
  let start = chunk.start;
  let end = chunk.end;
  let offset = chunk.startOffset;
  let previousOffset = chunk.startOffset;
  for (const transition of chunk.transitions) {
    if (transition.at > instant) {
      end = transition.at;
      break;
    }
    ({ at: start, offset, previousOffset } = transition);
  }
  // A change shortly before the chunk began still shapes the wall clock just after it (its gap or overlap).
  if (start === chunk.start && instant < chunk.start + MAX_SHIFT_MS) {
    const before = chunkOf(rules, index - 1).transitions;
    const last = before[before.length - 1];
    if (last !== undefined && last.at > chunk.start - MAX_SHIFT_MS) ({ at: start, previousOffset } = last);
  }
  return { start, end, offset, previousOffset };
}

/**
 * The instant at which the wall clock of `zone` shows `wall` (wall milliseconds, see calendar.ts). A wall time
 * skipped by a spring-forward change is shifted forward by the gap; one repeated by a fall-back change gives its
 * first occurrence.
 */
export function wallTimeToInstant(zone: string, wall: number): number {
  const offsetBefore = timeZoneOffset(zone, wall - MAX_SHIFT_MS);
  const offsetAfter = timeZoneOffset(zone, wall + MAX_SHIFT_MS);
  if (offsetBefore === offsetAfter) return wall - offsetBefore;
  const early = wall - offsetBefore;
  if (timeZoneOffset(zone, early) === offsetBefore) return early;
  const late = wall - offsetAfter;
  if (timeZoneOffset(zone, late) === offsetAfter) return late;
  // In the gap: on the old offset the reading lies past the change, i.e. shifted forward by the gap.
  return early;
}

function rulesOf(zone: string): ZoneRules {
  const known = zones.get(zone);
  if (known !== undefined) return known;
  // Names come from users: bound the map, so that endless spellings of valid zones cannot grow it for ever.
  if (zones.size >= MAX_ZONE_NAMES) zones.clear();
  const rules = UTC_NAMES.has(zone.toUpperCase()) ? UTC_RULES : intlRules(zone);
  zones.set(zone, rules);
  return rules;
}

function intlRules(zone: string): ZoneRules {
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch (error) {
    if (error instanceof RangeError) throw new UnknownTimeZoneError(zone);
    throw error;
  }
  // Spellings of one zone ('europe/prague', 'Europe/Prague') share what was learnt about it.
  const canonical = formatter.resolvedOptions().timeZone;
  const shared = zones.get(canonical);
  if (shared !== undefined) return shared;
  const rules: ZoneRules = { formatter, chunks: new Map() };
  zones.set(canonical, rules);
  return rules;
}

function chunkOf(rules: ZoneRules, index: number): Chunk {
  const cached = rules.chunks.get(index);
  if (cached !== undefined) return cached;
  if (rules.chunks.size >= MAX_CHUNKS_PER_ZONE) rules.chunks.clear();
  const chunk = learnChunk(rules, index);
  rules.chunks.set(index, chunk);
  return chunk;
}

function learnChunk(rules: ZoneRules, index: number): Chunk {
  const start = index * CHUNK_MS;
  const transitions: Transition[] = [];
  const startOffset = intlOffset(rules, start);
  let probe = start;
  let probeOffset = startOffset;
  for (let day = 1; day <= CHUNK_DAYS; day += 1) {
    const nextProbe = start + day * DAY_MS;
    const nextOffset = intlOffset(rules, nextProbe);
    if (nextOffset !== probeOffset) {
      const at = bisect(rules, probe, nextProbe, probeOffset);
      transitions.push({ at, offset: nextOffset, previousOffset: probeOffset });
    }
    probe = nextProbe;
    probeOffset = nextOffset;
  }
  return { start, end: start + CHUNK_MS, startOffset, transitions };
}

/** The first whole second in `(low, high]` whose offset is no longer `lowOffset`. */
function bisect(rules: ZoneRules, low: number, high: number, lowOffset: number): number {
  while (high - low > SECOND_MS) {
    const middle = low + Math.floor((high - low) / 2 / SECOND_MS) * SECOND_MS;
    if (intlOffset(rules, middle) === lowOffset) low = middle;
    else high = middle;
  }
  return high;
}

function intlOffset(rules: ZoneRules, instant: number): number {
  if (rules.formatter === null) return 0;
  // Intl formats years 1-9999 without an era; beyond them the offset of the nearest end is as good as any.
  const at = Math.floor(Math.min(Math.max(instant, EARLIEST_INTL), LATEST_INTL) / SECOND_MS) * SECOND_MS;
  const fields: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of rules.formatter.formatToParts(at)) fields[part.type] = Number(part.value);
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = fields;
  // Some engines print midnight as 24 even with hourCycle h23.
  return wallTime(year, month, day, hour % 24, minute, second) - at;
}
