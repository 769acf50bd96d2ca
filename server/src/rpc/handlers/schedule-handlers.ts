import { ApiFault, describeCron, isValidTimeZone, nextFireTimes, type ResultOf, type SCHEDULES, validateCron } from '@taskomatic/shared';
import { getSchedule, listSchedules, type ScheduleView } from '../../db/repos/schedules-repo.js';
import type { Caller } from '../gate.js';
import type { ApiDeps } from './api-deps.js';
import type { HandlerGroupOf } from './handler.js';
import { toScheduleInfo, upcomingExceptions } from './schedule-structs.js';
import { mayOverviewSatellite } from './preferences.js';
import { callerOf, compact, orgFilter, requireVisible } from './scope.js';

/** Schedules, struct style. Every change goes through the schedule service (checks, versions, audit, engine). */
export function scheduleHandlers(deps: ApiDeps): HandlerGroupOf<typeof SCHEDULES> {
  const { db, schedules, clock } = deps;
  const ms = (d: Date | undefined) => (d === undefined ? undefined : d.getTime());

  /** A schedule the caller may see, or NOT_FOUND. */
  async function visible(caller: Caller, id: number): Promise<ScheduleView> {
    const view = await getSchedule(db, id);
    if (!view) throw new ApiFault('NOT_FOUND', `Schedule ${id} does not exist`);
    requireVisible(caller, view.orgId, `Schedule ${id}`);
    return view;
  }

  async function info(view: ScheduleView, locked = false) {
    const exceptions = await upcomingExceptions(db, [view.id], clock.now());
    return toScheduleInfo(view, exceptions.get(view.id) ?? [], locked);
  }

  return {
    async 'schedules.list'(call, filter) {
      const caller = callerOf(call);
      const views = await listSchedules(db, { activeOnly: !filter.includeEnded, orgId: orgFilter(caller, filter), ...(filter.bunch ? { bunch: filter.bunch } : {}) });
      const overview =
        caller.role === 'org-admin' && filter.includeSatelliteOverview && (await mayOverviewSatellite(deps, caller))
          ? await listSchedules(db, { activeOnly: true, orgId: null, ...(filter.bunch ? { bunch: filter.bunch } : {}) })
          : [];
      const exceptions = await upcomingExceptions(db, views.map((v) => v.id), clock.now());
      return [...views.map((v) => toScheduleInfo(v, exceptions.get(v.id) ?? [])), ...overview.map((v) => toScheduleInfo(v, [], true))];
    },
    async 'schedules.get'(call, { id }) {
      return info(await visible(callerOf(call), id));
    },
    async 'schedules.create'(call, request) {
      const caller = callerOf(call);
      const orgId = caller.role === 'org-admin' ? caller.orgId : (request.orgId ?? null);
      if (caller.role === 'org-admin' && request.orgId !== undefined && request.orgId !== caller.orgId) {
        throw new ApiFault('PERMISSION_DENIED', 'Org admins schedule in their own org only');
      }
      const view = await schedules.create(
        {
          label: request.label,
          bunch: request.bunch,
          orgId,
          cron: request.cron ?? null,
          runAt: ms(request.runAt) ?? null,
          ...(request.timeZone ? { timeZone: request.timeZone } : {}),
          activeFrom: ms(request.activeFrom) ?? null,
          activeTill: ms(request.activeTill) ?? null,
          params: request.params ?? {},
          ...(request.overlapPolicy ? { overlapPolicy: request.overlapPolicy } : {}),
          ...(request.misfirePolicy ? { misfirePolicy: request.misfirePolicy } : {}),
        },
        caller.username,
      );
      return info(view);
    },
    async 'schedules.update'(call, request) {
      const caller = callerOf(call);
      await visible(caller, request.id);
      const view = await schedules.update(
        request.id,
        request.version,
        compact({
          label: request.label,
          cron: request.cron,
          runAt: ms(request.runAt),
          timeZone: request.timeZone,
          activeFrom: ms(request.activeFrom),
          activeTill: ms(request.activeTill),
          params: request.params,
          overlapPolicy: request.overlapPolicy,
          misfirePolicy: request.misfirePolicy,
        }),
        caller.username,
      );
      return info(view);
    },
    async 'schedules.pause'(call, { id, version, reason }) {
      const caller = callerOf(call);
      await visible(caller, id);
      return info(await schedules.pause(id, version, reason, caller.username));
    },
    async 'schedules.resume'(call, { id, version }) {
      const caller = callerOf(call);
      await visible(caller, id);
      return info(await schedules.resume(id, version, caller.username));
    },
    async 'schedules.delete'(call, { id }) {
      const caller = callerOf(call);
      await visible(caller, id);
      return info(await schedules.unschedule(id, caller.username));
    },
    async 'schedules.runNow'(call, { id, at, params }) {
      const caller = callerOf(call);
      await visible(caller, id);
      const run = await deps.engine.runNow({ scheduleId: id, requestedBy: caller.username, ...(at ? { at: at.getTime() } : {}), ...(params ? { params } : {}) });
      const queued: ResultOf<'schedules.runNow'> = { bunchRunId: run.id, dueTime: new Date(run.dueAt) };
      return queued;
    },
    async 'schedules.skipOccurrence'(call, { id, version, occurrence, reason }) {
      const caller = callerOf(call);
      await visible(caller, id);
      return info(await schedules.skipOccurrence(id, version, occurrence.getTime(), caller.username, reason));
    },
    async 'schedules.moveOccurrence'(call, { id, version, occurrence, to, reason }) {
      const caller = callerOf(call);
      await visible(caller, id);
      return info(await schedules.moveOccurrence(id, version, occurrence.getTime(), to.getTime(), caller.username, reason));
    },
    async 'schedules.restoreOccurrence'(call, { id, version, occurrence }) {
      const caller = callerOf(call);
      await visible(caller, id);
      return info(await schedules.restoreOccurrence(id, version, occurrence.getTime(), caller.username));
    },
    async 'schedules.split'(call, { id, version, from, cron, label, endBefore }) {
      const caller = callerOf(call);
      await visible(caller, id);
      const { ended, created } = await schedules.split(id, version, { from: from.getTime(), endBefore: endBefore?.getTime() ?? from.getTime() }, cron, label ?? null, caller.username);
      return { ended: await info(ended), created: await info(created) };
    },
    async 'schedules.undoSplit'(call, { id, version, continuedBy, continuedByVersion }) {
      const caller = callerOf(call);
      await visible(caller, id);
      await visible(caller, continuedBy);
      return info(await schedules.undoSplit(id, version, continuedBy, continuedByVersion, caller.username));
    },
    async 'cron.preview'(_call, { expression, timeZone, after, count }) {
      const zone = timeZone ?? deps.settings().default_time_zone;
      if (!isValidTimeZone(zone)) throw new ApiFault('INVALID_TIME_ZONE', `Unknown time zone '${zone}'`);
      const checked = validateCron(expression);
      if (!checked.valid) return { valid: false, error: checked.error, field: checked.field, next: [] };
      const next = nextFireTimes(checked.cron, zone, after?.getTime() ?? clock.now(), count ?? 5).map((t) => new Date(t));
      return { valid: true, description: describeCron(checked.cron), next };
    },
  };
}
