import type { AuditEntryInfo, OrgInfo, SettingsInfo, UserInfo } from '@taskomatic/shared';
import type { ClientArgs } from '@taskomatic/shared/ipc';
import { create } from 'zustand';
import { desktopApi } from '../api';
import { errorSlice, loadingSlice, readySlice, type SatelliteSlice } from '../lib/per-satellite';

type AuditApiFilter = ClientArgs<'audit.list'>[0];
/** Entries per audit page. */
const AUDIT_PAGE = 100;

/** The audit trail of one satellite as far as it was paged, for one filter. */
export interface AuditView {
  /** The filter it was read with (JSON), so a late answer to an older filter is dropped. */
  readonly filterKey: string;
  readonly slice: SatelliteSlice<ReadonlyArray<AuditEntryInfo>>;
  /** Older entries exist; absent on the last page. */
  readonly nextCursor?: number;
  readonly loadingMore: boolean;
  readonly moreError?: string;
}

/**
 * What the administration screens show of each satellite (where the user is a satellite admin): settings,
 * users, orgs, the audit trail. Changes throw on refusal (the forms show the server's reason) and update the
 * lists on success; the changes feed reloads them when someone else changes something.
 */
interface AdminState {
  readonly settings: Readonly<Record<string, SatelliteSlice<SettingsInfo>>>;
  readonly users: Readonly<Record<string, SatelliteSlice<ReadonlyArray<UserInfo>>>>;
  readonly orgs: Readonly<Record<string, SatelliteSlice<ReadonlyArray<OrgInfo>>>>;
  readonly audit: Readonly<Record<string, AuditView>>;
  loadSettings(satelliteId: string): Promise<void>;
  saveSettings(satelliteId: string, changes: ClientArgs<'settings.update'>[0]): Promise<SettingsInfo>;
  loadUsers(satelliteId: string): Promise<void>;
  createUser(satelliteId: string, request: ClientArgs<'users.create'>[0]): Promise<UserInfo>;
  updateUser(satelliteId: string, request: ClientArgs<'users.update'>[0]): Promise<UserInfo>;
  deleteUser(satelliteId: string, id: number): Promise<void>;
  loadOrgs(satelliteId: string): Promise<void>;
  createOrg(satelliteId: string, name: string): Promise<OrgInfo>;
  renameOrg(satelliteId: string, id: number, name: string): Promise<OrgInfo>;
  loadAudit(satelliteId: string, filter: AuditApiFilter): Promise<void>;
  loadMoreAudit(satelliteId: string): Promise<void>;
}

/** The data of each per-satellite list. */
interface Lists {
  readonly settings: SettingsInfo;
  readonly users: ReadonlyArray<UserInfo>;
  readonly orgs: ReadonlyArray<OrgInfo>;
}

export const useAdminStore = create<AdminState>()((set, get) => {
  const sliceOf = <K extends keyof Lists>(key: K, satelliteId: string) => get()[key][satelliteId] as SatelliteSlice<Lists[K]> | undefined;
  // One setter for the three lists; TypeScript cannot follow a computed key into the state's type, hence the cast.
  const put = <K extends keyof Lists>(key: K, satelliteId: string, slice: SatelliteSlice<Lists[K]>) => set({ [key]: { ...get()[key], [satelliteId]: slice } } as unknown as Partial<AdminState>);
  async function load<K extends keyof Lists>(key: K, satelliteId: string, read: () => Promise<Lists[K]>) {
    put(key, satelliteId, loadingSlice(sliceOf(key, satelliteId)));
    try {
      put(key, satelliteId, readySlice(await read()));
    } catch (error) {
      put(key, satelliteId, errorSlice(sliceOf(key, satelliteId), error));
    }
  }
  const usersOf = (satelliteId: string) => get().users[satelliteId]?.data ?? [];
  const orgsOf = (satelliteId: string) => get().orgs[satelliteId]?.data ?? [];
  const putAudit = (satelliteId: string, view: AuditView) => set({ audit: { ...get().audit, [satelliteId]: view } });
  return {
    settings: {},
    users: {},
    orgs: {},
    audit: {},
    loadSettings: (satelliteId) => load('settings', satelliteId, () => desktopApi().call(satelliteId, 'settings.get')),
    async saveSettings(satelliteId, changes) {
      const saved = await desktopApi().call(satelliteId, 'settings.update', changes);
      put('settings', satelliteId, readySlice(saved));
      return saved;
    },
    loadUsers: (satelliteId) => load('users', satelliteId, () => desktopApi().call(satelliteId, 'users.list')),
    async createUser(satelliteId, request) {
      const created = await desktopApi().call(satelliteId, 'users.create', request);
      put('users', satelliteId, readySlice([...usersOf(satelliteId), created]));
      return created;
    },
    async updateUser(satelliteId, request) {
      const updated = await desktopApi().call(satelliteId, 'users.update', request);
      put('users', satelliteId, readySlice(usersOf(satelliteId).map((user) => (user.id === updated.id ? updated : user))));
      return updated;
    },
    async deleteUser(satelliteId, id) {
      await desktopApi().call(satelliteId, 'users.delete', { id });
      put('users', satelliteId, readySlice(usersOf(satelliteId).filter((user) => user.id !== id)));
    },
    loadOrgs: (satelliteId) => load('orgs', satelliteId, () => desktopApi().call(satelliteId, 'orgs.list')),
    async createOrg(satelliteId, name) {
      const created = await desktopApi().call(satelliteId, 'orgs.create', { name });
      put('orgs', satelliteId, readySlice([...orgsOf(satelliteId), created]));
      return created;
    },
    async renameOrg(satelliteId, id, name) {
      const renamed = await desktopApi().call(satelliteId, 'orgs.rename', { id, name });
      put('orgs', satelliteId, readySlice(orgsOf(satelliteId).map((org) => (org.id === id ? renamed : org))));
      return renamed;
    },
    async loadAudit(satelliteId, filter) {
      const filterKey = JSON.stringify(filter);
      const previous = get().audit[satelliteId];
      const kept = previous?.filterKey === filterKey ? previous.slice : undefined;
      putAudit(satelliteId, { filterKey, slice: loadingSlice(kept), loadingMore: false });
      try {
        const page = await desktopApi().call(satelliteId, 'audit.list', { ...filter, limit: AUDIT_PAGE });
        if (get().audit[satelliteId]?.filterKey === filterKey) putAudit(satelliteId, { filterKey, slice: readySlice(page.entries), nextCursor: page.nextCursor, loadingMore: false });
      } catch (error) {
        if (get().audit[satelliteId]?.filterKey === filterKey) putAudit(satelliteId, { filterKey, slice: errorSlice(kept, error), loadingMore: false });
      }
    },
    async loadMoreAudit(satelliteId) {
      const view = get().audit[satelliteId];
      if (!view || view.nextCursor === undefined || view.loadingMore) return;
      putAudit(satelliteId, { ...view, loadingMore: true, moreError: undefined });
      try {
        const filter = JSON.parse(view.filterKey) as AuditApiFilter;
        const page = await desktopApi().call(satelliteId, 'audit.list', { ...filter, before: view.nextCursor, limit: AUDIT_PAGE });
        const now = get().audit[satelliteId];
        if (now?.filterKey !== view.filterKey) return;
        putAudit(satelliteId, { ...now, slice: { ...now.slice, data: [...(now.slice.data ?? []), ...page.entries] }, nextCursor: page.nextCursor, loadingMore: false });
      } catch (error) {
        const now = get().audit[satelliteId];
        if (now?.filterKey === view.filterKey) putAudit(satelliteId, { ...now, loadingMore: false, moreError: error instanceof Error ? error.message : String(error) });
      }
    },
  };
});
