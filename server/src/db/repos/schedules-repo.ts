import type { Kysely } from 'kysely';
import type { MisfirePolicy, OverlapPolicy } from '@taskomatic/shared';
import type { Tables } from '../tables.js';

/** A schedule as the CLI and the API show it. Instants are epoch milliseconds. */
export interface ScheduleView {
  readonly id: number;
  readonly label: string;
  readonly bunchId: number;
  readonly bunch: string;
  readonly orgId: number | null;
  readonly org: string | null;
  readonly kind: 'cron' | 'once';
  readonly cron: string | null;
  readonly timeZone: string;
  readonly runAt: number | null;
  readonly activeFrom: number | null;
  readonly activeTill: number | null;
  readonly params: Readonly<Record<string, unknown>>;
  readonly overlapPolicy: OverlapPolicy;
  readonly misfirePolicy: MisfirePolicy;
  readonly paused: boolean;
  readonly pauseReason: string | null;
  readonly version: number;
  readonly nextFireAt: number | null;
  readonly endedAt: number | null;
  readonly endReason: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly createdBy: string;
}

/** Which schedules to list. */
export interface ScheduleFilter {
  /** Only active ones (not ended) (default: true). */
  readonly activeOnly?: boolean;
  /** Only this scope: null for satellite-level, a number for one org; undefined for all. */
  readonly orgId?: number | null;
  readonly bunch?: string;
  readonly label?: string;
  readonly ids?: ReadonlyArray<number>;
}

function baseQuery(db: Kysely<Tables>) {
  return db
    .selectFrom('schedules as s')
    .innerJoin('bunches as b', 'b.id', 's.bunch_id')
    .leftJoin('orgs as o', 'o.id', 's.org_id')
    .select([
      's.id',
      's.label',
      's.bunch_id',
      'b.name as bunch',
      's.org_id',
      'o.name as org',
      's.kind',
      's.cron_expr',
      's.time_zone',
      's.run_at',
      's.active_from',
      's.active_till',
      's.params',
      's.overlap_policy',
      's.misfire_policy',
      's.paused',
      's.pause_reason',
      's.version',
      's.next_fire_at',
      's.ended_at',
      's.end_reason',
      's.created_at',
      's.updated_at',
      's.created_by',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

/** Schedules matching `filter`, by label. */
export async function listSchedules(db: Kysely<Tables>, filter: ScheduleFilter = {}): Promise<ScheduleView[]> {
  let query = baseQuery(db);
  if (filter.activeOnly ?? true) query = query.where('s.ended_at', 'is', null);
  if (filter.orgId === null) query = query.where('s.org_id', 'is', null);
  else if (filter.orgId !== undefined) query = query.where('s.org_id', '=', filter.orgId);
  if (filter.bunch !== undefined) query = query.where('b.name', '=', filter.bunch);
  if (filter.label !== undefined) query = query.where('s.label', '=', filter.label);
  if (filter.ids !== undefined) {
    if (filter.ids.length === 0) return [];
    query = query.where('s.id', 'in', [...filter.ids]);
  }
  const rows = await query.orderBy('s.label').orderBy('s.id').execute();
  return rows.map(toView);
}

/** One schedule, or undefined. */
export async function getSchedule(db: Kysely<Tables>, id: number): Promise<ScheduleView | undefined> {
  const row = await baseQuery(db).where('s.id', '=', id).executeTakeFirst();
  return row ? toView(row) : undefined;
}

const num = (value: number | null): number | null => (value === null ? null : Number(value));

function toView(r: Row): ScheduleView {
  let params: Record<string, unknown> = {};
  try {
    params = JSON.parse(r.params) as Record<string, unknown>;
  } catch {
    // A hand-edited row with bad JSON shows no parameters rather than breaking the listing.
  }
  return {
    id: Number(r.id),
    label: r.label,
    bunchId: Number(r.bunch_id),
    bunch: r.bunch,
    orgId: num(r.org_id),
    org: r.org,
    kind: r.kind === 'once' ? 'once' : 'cron',
    cron: r.cron_expr,
    timeZone: r.time_zone,
    runAt: num(r.run_at),
    activeFrom: num(r.active_from),
    activeTill: num(r.active_till),
    params,
    overlapPolicy: r.overlap_policy as OverlapPolicy,
    misfirePolicy: r.misfire_policy as MisfirePolicy,
    paused: r.paused === 1,
    pauseReason: r.pause_reason,
    version: Number(r.version),
    nextFireAt: num(r.next_fire_at),
    endedAt: num(r.ended_at),
    endReason: r.end_reason,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
    createdBy: r.created_by,
  };
}
