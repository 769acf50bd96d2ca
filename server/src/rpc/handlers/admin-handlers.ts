import type { AuditEntryInfo, ChangeInfo, SATELLITE, SettingsInfo } from '@taskomatic/shared';
import type { Settings } from '../../db/repos/settings-repo.js';
import type { ChangeFeed } from '../../services/change-feed.js';
import type { SettingsService } from '../../services/settings-service.js';
import type { ApiDeps } from './api-deps.js';
import type { HandlerGroupOf } from './handler.js';
import { callerOf, compact } from './scope.js';

/** Settings, the audit trail and the changes feed. */
export function adminHandlers(deps: ApiDeps & { readonly settingsService: SettingsService; readonly changes: ChangeFeed }): HandlerGroupOf<typeof SATELLITE> {
  return {
    async 'settings.get'() {
      return toSettingsInfo(deps.settingsService.current());
    },
    async 'settings.update'(call, request) {
      const changes: Partial<Record<keyof Settings, unknown>> = compact({
        retention_days: request.retentionDays,
        default_time_zone: request.defaultTimeZone,
        log_cap_bytes: request.logCapBytes,
        postpone_limit_seconds: request.postponeLimitSeconds,
        misfire_grace_seconds: request.misfireGraceSeconds,
        org_admins_may_see_satellite_schedules: request.orgAdminsMaySeeSatelliteSchedules,
        session_idle_minutes: request.sessionIdleMinutes,
      });
      return toSettingsInfo(await deps.settingsService.update(changes as Partial<Settings>, callerOf(call).username));
    },
    async 'audit.list'(_call, filter) {
      const limit = filter.limit ?? 100;
      let query = deps.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit + 1);
      if (filter.from) query = query.where('at', '>=', filter.from.getTime());
      if (filter.to) query = query.where('at', '<', filter.to.getTime());
      if (filter.actor) query = query.where('actor', '=', filter.actor);
      if (filter.targetType) query = query.where('target_type', '=', filter.targetType);
      if (filter.targetId) query = query.where('target_id', '=', filter.targetId);
      if (filter.before !== undefined) query = query.where('id', '<', filter.before);
      const rows = await query.execute();
      const entries = rows.slice(0, limit).map(
        (r): AuditEntryInfo =>
          compact({
            id: Number(r.id),
            at: new Date(Number(r.at)),
            actor: r.actor,
            action: r.action,
            targetType: r.target_type,
            targetId: r.target_id ?? undefined,
            before: r.before ?? undefined,
            after: r.after ?? undefined,
            address: r.address ?? undefined,
          }) as AuditEntryInfo,
      );
      const last = entries.at(-1);
      return rows.length > limit && last ? { entries, nextCursor: last.id } : { entries };
    },
    async 'changes.since'(call, { cursor, waitSeconds }) {
      const caller = callerOf(call);
      const answer = await deps.changes.since(cursor, (waitSeconds ?? 0) * 1000, (event) =>
        // Bunches and settings are shared by every org (org admins list the org-level bunches).
        caller.role === 'sat-admin' || event.kind === 'settings' || event.kind === 'bunch' || (event.orgId !== null && event.orgId === caller.orgId),
      );
      return {
        cursor: answer.cursor,
        reset: answer.reset,
        changes: answer.changes.map((e): ChangeInfo => compact({ kind: e.kind, id: e.id, action: e.action, at: new Date(e.at), orgId: e.orgId ?? undefined }) as ChangeInfo),
      };
    },
  };
}

function toSettingsInfo(s: Settings): SettingsInfo {
  return {
    retentionDays: s.retention_days,
    defaultTimeZone: s.default_time_zone,
    logCapBytes: s.log_cap_bytes,
    postponeLimitSeconds: s.postpone_limit_seconds,
    misfireGraceSeconds: s.misfire_grace_seconds,
    orgAdminsMaySeeSatelliteSchedules: s.org_admins_may_see_satellite_schedules,
    sessionIdleMinutes: s.session_idle_minutes,
  };
}
