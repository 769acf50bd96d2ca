import { ApiFault, type AUTH, type OrgInfo, type TENANTS, type UserInfo } from '@taskomatic/shared';
import type { AuthService } from '../../auth/auth-service.js';
import type { OrgView, UserView } from '../../auth/user-queries.js';
import type { ChangeFeed } from '../../services/change-feed.js';
import type { ApiDeps } from './api-deps.js';
import type { HandlerGroupOf } from './handler.js';
import { preferencesOf } from './preferences.js';
import { callerOf, compact } from './scope.js';

/** Sessions, users and orgs: logging in and out, and the satellite admins' management of who may do what. */
export function tenantHandlers(deps: ApiDeps & { readonly auth: AuthService; readonly changes: ChangeFeed }): HandlerGroupOf<typeof AUTH & typeof TENANTS> {
  const { auth, changes, db } = deps;
  return {
    async 'auth.login'(call, username, password) {
      return (await auth.login(username, password, call.address)).key;
    },
    async 'auth.logout'(call) {
      if (call.sessionKey) await auth.logout(call.sessionKey);
      return 1;
    },
    async 'auth.whoami'(call) {
      const caller = callerOf(call);
      const user = await auth.getUser(caller.userId);
      const prefs = await preferencesOf(deps, caller.userId);
      return compact({
        username: user.username,
        role: user.role,
        orgId: user.orgId ?? undefined,
        org: user.org ?? undefined,
        showSatelliteSchedules: prefs.showSatelliteSchedules,
      });
    },
    async 'orgs.list'(call) {
      const caller = callerOf(call);
      const orgs = await auth.listOrgs();
      return orgs.filter((o) => caller.role === 'sat-admin' || o.id === caller.orgId).map(toOrgInfo);
    },
    async 'orgs.create'(call, { name }) {
      const org = await auth.createOrg(name, callerOf(call).username);
      changes.publish('org', org.id, 'create', org.id);
      return toOrgInfo(org);
    },
    async 'orgs.rename'(call, { id, name }) {
      const org = await auth.renameOrg(id, name, callerOf(call).username);
      changes.publish('org', org.id, 'rename', org.id);
      return toOrgInfo(org);
    },
    async 'users.list'() {
      return (await auth.listUsers()).map(toUserInfo);
    },
    async 'users.create'(call, request) {
      const user = await auth.createUser({ username: request.username, password: request.password, role: request.role, orgId: request.orgId ?? null }, callerOf(call).username);
      changes.publish('user', user.id, 'create', user.orgId);
      return toUserInfo(user);
    },
    async 'users.update'(call, { id, ...changesToUser }) {
      const user = await auth.updateUser(id, changesToUser, callerOf(call).username);
      changes.publish('user', user.id, 'update', user.orgId);
      return toUserInfo(user);
    },
    async 'users.delete'(call, { id }) {
      const caller = callerOf(call);
      if (id === caller.userId) throw new ApiFault('CONFLICT', 'You cannot delete yourself; ask another satellite admin');
      await auth.deleteUser(id, caller.username);
      changes.publish('user', id, 'delete', null);
      return 1;
    },
    async 'users.setPreferences'(call, { showSatelliteSchedules }) {
      const caller = callerOf(call);
      if (showSatelliteSchedules && caller.role === 'org-admin' && !deps.settings().org_admins_may_see_satellite_schedules) {
        throw new ApiFault('PERMISSION_DENIED', 'This satellite does not let org admins see satellite-level schedules');
      }
      const current = await preferencesOf(deps, caller.userId);
      const next = { ...current, ...(showSatelliteSchedules === undefined ? {} : { showSatelliteSchedules }) };
      await db.updateTable('users').set({ preferences: JSON.stringify(next) }).where('id', '=', caller.userId).execute();
      return 1;
    },
  };
}

function toUserInfo(user: UserView): UserInfo {
  return compact({ id: user.id, username: user.username, role: user.role, orgId: user.orgId ?? undefined, org: user.org ?? undefined, disabled: user.disabled, createdAt: new Date(user.createdAt) }) as UserInfo;
}

function toOrgInfo(org: OrgView): OrgInfo {
  return { id: org.id, name: org.name, createdAt: new Date(org.createdAt) };
}
