import type { Kysely } from 'kysely';
import {
  type CronExpression,
  type OccurrenceException,
  type ScheduleTiming,
  parseCron,
} from '@taskomatic/shared';
import type { SchedulesTable, Tables } from '../db/tables.js';

type TimingRow = Pick<SchedulesTable, 'kind' | 'cron_expr' | 'time_zone' | 'run_at' | 'active_from' | 'active_till'>;

/** The columns that say when a schedule fires and what it runs: what the claimer and recovery read. */
export const FIRING_COLUMNS = [
  'id',
  'bunch_id',
  'org_id',
  'kind',
  'cron_expr',
  'time_zone',
  'run_at',
  'active_from',
  'active_till',
  'params',
  'overlap_policy',
  'misfire_policy',
  'next_fire_at',
] as const;

/**
 * Parsed cron expressions by their text. Satellites hold many schedules with few distinct expressions, so
 * parsing each once keeps start-up and firing cheap; the cache is bounded in case they are all different.
 */
const parsed = new Map<string, CronExpression>();
const PARSED_LIMIT = 20_000;

function cachedCron(expression: string): CronExpression {
  let cron = parsed.get(expression);
  if (!cron) {
    cron = parseCron(expression);
    if (parsed.size >= PARSED_LIMIT) parsed.clear();
    parsed.set(expression, cron);
  }
  return cron;
}

/** A schedule row's timing, as the schedule code reads it. Throws for a cron that no longer parses. */
export function timingOf(row: TimingRow): ScheduleTiming {
  return {
    kind: row.kind === 'once' ? 'once' : 'cron',
    cron: row.kind === 'cron' && row.cron_expr ? cachedCron(row.cron_expr) : null,
    timeZone: row.time_zone,
    runAt: row.run_at === null ? null : Number(row.run_at),
    activeFrom: row.active_from === null ? null : Number(row.active_from),
    activeTill: row.active_till === null ? null : Number(row.active_till),
  };
}

/** Occurrence exceptions of some schedules that can still matter at or after `since`, by schedule id. */
export async function loadExceptions(
  db: Kysely<Tables>,
  scheduleIds: ReadonlyArray<number>,
  since: number,
): Promise<Map<number, OccurrenceException[]>> {
  const result = new Map<number, OccurrenceException[]>();
  for (let i = 0; i < scheduleIds.length; i += 5000) {
    const rows = await db
      .selectFrom('schedule_exceptions')
      .select(['schedule_id', 'occurrence_at', 'action', 'moved_to'])
      .where('schedule_id', 'in', scheduleIds.slice(i, i + 5000))
      .where((eb) => eb.or([eb('occurrence_at', '>=', since), eb('moved_to', '>=', since)]))
      .execute();
    for (const r of rows) {
      const id = Number(r.schedule_id);
      const list = result.get(id) ?? [];
      list.push({
        occurrenceAt: Number(r.occurrence_at),
        action: r.action === 'move' ? 'move' : 'skip',
        movedTo: r.moved_to === null ? null : Number(r.moved_to),
      });
      result.set(id, list);
    }
  }
  return result;
}
