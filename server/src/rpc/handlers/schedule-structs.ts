import { type CronExpression, describeCron, type Infer, parseCron, type scheduleInfo } from '@taskomatic/shared';
import type { Kysely } from 'kysely';
import type { ScheduleView } from '../../db/repos/schedules-repo.js';
import type { Tables } from '../../db/tables.js';
import { compact, date } from './scope.js';

type ScheduleInfo = Infer<typeof scheduleInfo>;
type Exception = ScheduleInfo['exceptions'][number];

const sentences = new Map<string, string>();

/** The cron in words, remembered per expression (describing is cheap, but lists repeat a few crons). */
function sentence(cron: string): string | undefined {
  let text = sentences.get(cron);
  if (text === undefined) {
    let parsed: CronExpression;
    try {
      parsed = parseCron(cron);
    } catch {
      return undefined;
    }
    text = describeCron(parsed);
    if (sentences.size > 5000) sentences.clear();
    sentences.set(cron, text);
  }
  return text;
}

/** Exceptions still ahead (or whose moved fire is), by schedule id. */
export async function upcomingExceptions(db: Kysely<Tables>, ids: ReadonlyArray<number>, now: number): Promise<Map<number, Exception[]>> {
  const result = new Map<number, Exception[]>();
  if (ids.length === 0) return result;
  for (let i = 0; i < ids.length; i += 5000) {
    const rows = await db
      .selectFrom('schedule_exceptions')
      .select(['schedule_id', 'occurrence_at', 'action', 'moved_to'])
      .where('schedule_id', 'in', ids.slice(i, i + 5000))
      .where((eb) => eb.or([eb('occurrence_at', '>=', now), eb('moved_to', '>=', now)]))
      .orderBy('occurrence_at')
      .execute();
    for (const r of rows) {
      const list = result.get(Number(r.schedule_id)) ?? [];
      list.push(compact({ occurrence: new Date(Number(r.occurrence_at)), action: r.action === 'move' ? 'move' : 'skip', movedTo: date(r.moved_to) }) as Exception);
      result.set(Number(r.schedule_id), list);
    }
  }
  return result;
}

/** A schedule as the struct-style API returns it. `locked`: shown to an org admin for information only. */
export function toScheduleInfo(view: ScheduleView, exceptions: ReadonlyArray<Exception>, locked = false): ScheduleInfo {
  return compact({
    id: view.id,
    label: view.label,
    bunch: view.bunch,
    orgId: view.orgId ?? undefined,
    org: view.org ?? undefined,
    kind: view.kind,
    cron: view.cron ?? undefined,
    cronDescription: view.cron ? sentence(view.cron) : undefined,
    timeZone: view.timeZone,
    runAt: date(view.runAt),
    activeFrom: date(view.activeFrom),
    activeTill: date(view.activeTill),
    // A locked (satellite-level) schedule shows no parameters to an org admin.
    params: locked ? {} : { ...view.params },
    overlapPolicy: view.overlapPolicy,
    misfirePolicy: view.misfirePolicy,
    paused: view.paused,
    pauseReason: view.pauseReason ?? undefined,
    version: view.version,
    nextFireTime: date(view.nextFireAt),
    ended: view.endedAt !== null,
    endedAt: date(view.endedAt),
    endReason: view.endReason ?? undefined,
    exceptions: [...exceptions],
    createdAt: new Date(view.createdAt),
    updatedAt: new Date(view.updatedAt),
    createdBy: view.createdBy,
    locked: locked || undefined,
  }) as ScheduleInfo;
}
