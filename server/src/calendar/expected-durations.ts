import type { Kysely } from 'kysely';
import type { Tables } from '../db/tables.js';

/** How long a schedule's runs usually take, from its recent finished runs, in whole seconds. */
export interface ExpectedDuration {
  readonly medianSeconds: number;
  readonly p95Seconds: number;
}

/** How many of a schedule's latest FINISHED runs the expectation is drawn from. */
export const RECENT_RUNS = 20;

/** Ids per query: well under every dialect's limit on bound parameters. */
const IDS_PER_QUERY = 5000;

/**
 * Median and 95th percentile (nearest rank) of some run durations in milliseconds, rounded to whole seconds;
 * null for none. A negative duration (the clock was set back during the run) counts as zero.
 */
export function durationStats(durationsMs: ReadonlyArray<number>): ExpectedDuration | null {
  if (durationsMs.length === 0) return null;
  const sorted = durationsMs.map((d) => Math.max(0, d)).sort((a, b) => a - b);
  const n = sorted.length;
  const middle = n >> 1;
  const median = n % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  const p95 = sorted[Math.ceil(0.95 * n) - 1] ?? 0;
  return { medianSeconds: Math.round(median / 1000), p95Seconds: Math.round(p95 / 1000) };
}

/**
 * Expected durations of some schedules (ended_at - started_at of each one's latest FINISHED bunch runs), by
 * schedule id; schedules that never finished a run are absent. One query per 5,000 schedules: for each
 * schedule, its latest finished runs are the last entries of its (schedule_id, 'FINISHED') slice of the
 * bunch_runs_schedule_status index, which also holds their start and end: the cost follows the number of
 * schedules, not the length of their history nor how many of their runs failed.
 */
export async function loadExpectedDurations(db: Kysely<Tables>, scheduleIds: ReadonlyArray<number>): Promise<Map<number, ExpectedDuration>> {
  const samples = new Map<number, number[]>();
  for (let i = 0; i < scheduleIds.length; i += IDS_PER_QUERY) {
    const rows = await db
      .selectFrom('schedules as s')
      .innerJoin('bunch_runs as r', (join) =>
        join.on((eb) =>
          eb(
            'r.id',
            'in',
            eb
              .selectFrom('bunch_runs as recent')
              .select('recent.id')
              .whereRef('recent.schedule_id', '=', 's.id')
              .where('recent.status', '=', 'FINISHED')
              .where('recent.started_at', 'is not', null)
              .where('recent.ended_at', 'is not', null)
              .orderBy('recent.due_at', 'desc')
              .limit(RECENT_RUNS),
          ),
        ),
      )
      .select((eb) => ['s.id', eb('r.ended_at', '-', eb.ref('r.started_at')).as('duration')])
      .where('s.id', 'in', scheduleIds.slice(i, i + IDS_PER_QUERY))
      .execute();
    for (const row of rows) {
      const id = Number(row.id);
      const list = samples.get(id) ?? [];
      list.push(Number(row.duration));
      samples.set(id, list);
    }
  }
  const result = new Map<number, ExpectedDuration>();
  for (const [id, durations] of samples) {
    const stats = durationStats(durations);
    if (stats) result.set(id, stats);
  }
  return result;
}
