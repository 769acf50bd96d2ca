import type { Kysely } from 'kysely';
import { RUN_STATUSES, type RunStatus } from '@taskomatic/shared';
import type { Tables } from '../db/tables.js';
import type { CalendarRunBandData, CalendarRunData, CalendarScope } from './calendar-data.js';
import { namedRuns, type RunRow, runsQuery, scheduleNames, scopeOrg } from './calendar-queries.js';

/** Statuses of a run that is no longer waiting for its time (READY runs: loadReadyRuns). */
const PAST_STATUSES: ReadonlyArray<RunStatus> = RUN_STATUSES.filter((s) => s !== 'READY');
/** Past statuses a run band still lists one by one: everything but a plain success. */
const NOT_FINISHED: ReadonlyArray<RunStatus> = PAST_STATUSES.filter((s) => s !== 'FINISHED');
/** Schedule ids per query: well under every dialect's limit on bound parameters. */
const IDS_PER_QUERY = 5000;

export interface PastRuns {
  /** By due time, the latest `limit` when there were more. */
  readonly runs: ReadonlyArray<CalendarRunData>;
  /** By schedule id. */
  readonly runBands: ReadonlyArray<CalendarRunBandData>;
  /** More runs than `limit` were to be listed: the oldest were left out. */
  readonly capped: boolean;
}

/**
 * Bunch runs due in [from, to) that are no longer READY (running, waiting for a task, ended). A schedule with
 * more than `bandAbove` of them comes as a run band, counted by status in the database, and only its runs
 * that did not finish are read one by one: a week of a schedule firing every minute is 10,080 runs, and
 * what matters in them is the few that failed.
 */
export async function loadPastRuns(
  db: Kysely<Tables>,
  scope: CalendarScope,
  from: number,
  to: number,
  bandAbove: number,
  limit: number,
): Promise<PastRuns> {
  const tallies = await tallyPastRuns(db, scope, from, to);
  const banded: number[] = [];
  const listed: number[] = [];
  for (const [scheduleId, tally] of tallies) (tally.count > bandAbove ? banded : listed).push(scheduleId);

  // The tallies say how many runs of schedules there are to list. When they all fit, they are read without
  // ORDER BY ... LIMIT: with a limit, the database walks the due_at index of the whole range (every run of
  // every schedule) in the hope of stopping early, instead of seeking each schedule's runs.
  let expected = 0;
  for (const scheduleId of listed) expected += tallies.get(scheduleId)?.count ?? 0;
  for (const scheduleId of banded) for (const status of NOT_FINISHED) expected += tallies.get(scheduleId)?.byStatus[status] ?? 0;
  const latest = expected > limit ? limit + 1 : null;
  const rows: RunRow[] = [];
  const read = async (statuses: ReadonlyArray<RunStatus>, scheduleIds: ReadonlyArray<number> | null, most: number | null) => {
    for (const row of await loadRuns(db, scope, from, to, statuses, scheduleIds, most)) rows.push(row);
  };
  await read(PAST_STATUSES, null, limit + 1);
  for (let i = 0; i < listed.length; i += IDS_PER_QUERY) await read(PAST_STATUSES, listed.slice(i, i + IDS_PER_QUERY), latest);
  for (let i = 0; i < banded.length; i += IDS_PER_QUERY) await read(NOT_FINISHED, banded.slice(i, i + IDS_PER_QUERY), latest);
  rows.sort((a, b) => Number(a.due_at) - Number(b.due_at) || Number(a.id) - Number(b.id));
  const capped = rows.length > limit;
  const runs = await namedRuns(db, capped ? rows.slice(rows.length - limit) : rows);

  const names = await scheduleNames(db, banded);
  const runBands: CalendarRunBandData[] = [];
  for (const scheduleId of banded) {
    const tally = tallies.get(scheduleId);
    const name = names.get(scheduleId);
    if (!tally || !name) continue;
    runBands.push({ scheduleId, ...name, count: tally.count, first: tally.first, last: tally.last, byStatus: tally.byStatus });
  }
  return { runs, runBands, capped };
}

interface Tally {
  count: number;
  first: number;
  last: number;
  byStatus: Partial<Record<RunStatus, number>>;
}

/**
 * Past runs of each schedule in [from, to), counted by status in one grouped query. The schedule ids come
 * from a subquery rather than `schedule_id is not null` so that the database seeks each (schedule, status) in
 * the bunch_runs_schedule_status index (0004-calendar-index) and counts inside it, instead of visiting every
 * run of the range through the due_at index.
 */
async function tallyPastRuns(db: Kysely<Tables>, scope: CalendarScope, from: number, to: number): Promise<Map<number, Tally>> {
  const orgId = scopeOrg(scope);
  const rows = await db
    .selectFrom('bunch_runs as r')
    .select((eb) => ['r.schedule_id', 'r.status', eb.fn.countAll<number>().as('count'), eb.fn.min('r.due_at').as('first'), eb.fn.max('r.due_at').as('last')])
    .where('r.schedule_id', 'in', (eb) =>
      eb
        .selectFrom('schedules as s')
        .select('s.id')
        .$if(orgId !== null, (q) => q.where('s.org_id', '=', orgId)),
    )
    .where('r.status', 'in', PAST_STATUSES)
    .where('r.due_at', '>=', from)
    .where('r.due_at', '<', to)
    .$if(orgId !== null, (q) => q.where('r.org_id', '=', orgId))
    .groupBy(['r.schedule_id', 'r.status'])
    .execute();
  const tallies = new Map<number, Tally>();
  for (const row of rows) {
    if (row.schedule_id === null) continue;
    const id = Number(row.schedule_id);
    const count = Number(row.count);
    const first = Number(row.first);
    const last = Number(row.last);
    const tally = tallies.get(id);
    if (!tally) {
      tallies.set(id, { count, first, last, byStatus: { [row.status as RunStatus]: count } });
      continue;
    }
    tally.count += count;
    tally.first = Math.min(tally.first, first);
    tally.last = Math.max(tally.last, last);
    tally.byStatus[row.status as RunStatus] = count;
  }
  return tallies;
}

/**
 * Runs due in [from, to) with one of `statuses`, of some schedules (null: of none, i.e. runs of a bunch
 * started without a schedule): the latest `limit` of them, or all of them in no order (null).
 */
async function loadRuns(
  db: Kysely<Tables>,
  scope: CalendarScope,
  from: number,
  to: number,
  statuses: ReadonlyArray<RunStatus>,
  scheduleIds: ReadonlyArray<number> | null,
  limit: number | null,
): Promise<RunRow[]> {
  const orgId = scopeOrg(scope);
  return runsQuery(db, from, to)
    .where('r.status', 'in', statuses)
    .where((eb) => (scheduleIds === null ? eb('r.schedule_id', 'is', null) : eb('r.schedule_id', 'in', scheduleIds)))
    .$if(orgId !== null, (q) => q.where('r.org_id', '=', orgId))
    .$if(limit !== null, (q) => q.orderBy('r.due_at', 'desc').orderBy('r.id', 'desc').limit(limit ?? 0))
    .execute();
}

