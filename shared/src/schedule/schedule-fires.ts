import type { CronExpression } from './cron-expression.js';
import { nextFireTime } from './next-fire.js';

/** When a schedule fires, as the schedule code needs it (PRODUCT.md, "schedule"). */
export interface ScheduleTiming {
  /** A cron schedule repeats; a one-time schedule fires once at `runAt`. */
  readonly kind: 'cron' | 'once';
  readonly cron: CronExpression | null;
  /** IANA zone the cron is evaluated in. */
  readonly timeZone: string;
  readonly runAt: number | null;
  /** Fires before this instant do not happen (inclusive; null: no start). */
  readonly activeFrom: number | null;
  /** Fires at or after this instant do not happen (exclusive; null: no end). */
  readonly activeTill: number | null;
}

/** One occurrence skipped, or moved to another instant. */
export interface OccurrenceException {
  /** The instant the occurrence would have fired. */
  readonly occurrenceAt: number;
  readonly action: 'skip' | 'move';
  /** Where a moved occurrence fires instead. */
  readonly movedTo: number | null;
}

/** A fire of a schedule: when, and why. */
export interface ScheduledFire {
  readonly at: number;
  readonly trigger: 'cron' | 'once' | 'moved';
  /** The regular occurrence this fire stands for (differs from `at` for a moved occurrence). */
  readonly occurrenceAt: number;
}

/**
 * The first fire of a schedule strictly after `after`: its regular occurrences inside the active window,
 * minus skipped and moved ones, plus the moved ones at their new instants. Moved occurrences fire even
 * outside the active window: an administrator placed them there on purpose.
 */
export function nextScheduledFire(
  timing: ScheduleTiming,
  exceptions: ReadonlyArray<OccurrenceException>,
  after: number,
): ScheduledFire | null {
  const regular = nextRegularFire(timing, exceptions, after);
  let moved: ScheduledFire | null = null;
  for (const e of exceptions) {
    if (e.action !== 'move' || e.movedTo === null || e.movedTo <= after) continue;
    if (!moved || e.movedTo < moved.at) moved = { at: e.movedTo, trigger: 'moved', occurrenceAt: e.occurrenceAt };
  }
  if (regular && moved) return moved.at < regular.at ? moved : regular;
  return regular ?? moved;
}

/**
 * Fires in [from, to), at most `cap` of them; `capped` says the list was cut. The calendar and the engine's
 * catch-up both read occurrences through this, so they agree with the fires the engine makes.
 */
export function scheduledFires(
  timing: ScheduleTiming,
  exceptions: ReadonlyArray<OccurrenceException>,
  from: number,
  to: number,
  cap: number,
): { fires: ScheduledFire[]; capped: boolean } {
  const fires: ScheduledFire[] = [];
  let cursor = from - 1;
  for (;;) {
    const fire = nextScheduledFire(timing, exceptions, cursor);
    if (!fire || fire.at >= to) return { fires, capped: false };
    if (fires.length === cap) return { fires, capped: true };
    fires.push(fire);
    cursor = fire.at;
  }
}

function nextRegularFire(
  timing: ScheduleTiming,
  exceptions: ReadonlyArray<OccurrenceException>,
  after: number,
): ScheduledFire | null {
  const excepted = exceptions.length > 0 ? new Set(exceptions.map((e) => e.occurrenceAt)) : null;
  if (timing.kind === 'once') {
    const at = timing.runAt;
    if (at === null || at <= after || !inWindow(timing, at) || excepted?.has(at)) return null;
    return { at, trigger: 'once', occurrenceAt: at };
  }
  if (!timing.cron) return null;
  let cursor = timing.activeFrom !== null && timing.activeFrom - 1 > after ? timing.activeFrom - 1 : after;
  for (;;) {
    const at = nextFireTime(timing.cron, timing.timeZone, cursor);
    if (at === null || (timing.activeTill !== null && at >= timing.activeTill)) return null;
    if (!excepted?.has(at)) return { at, trigger: 'cron', occurrenceAt: at };
    cursor = at;
  }
}

function inWindow(timing: ScheduleTiming, at: number): boolean {
  return (timing.activeFrom === null || at >= timing.activeFrom) && (timing.activeTill === null || at < timing.activeTill);
}
