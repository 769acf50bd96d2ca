import { useEffect } from 'react';
import { onSatelliteChanges, onSatelliteReconnected } from '../../pushes';
import { useAdminStore } from '../../stores/admin-store';
import type { AdminTab } from './admin-screen';

/** Bursts of changes (a bulk user import) become one reload. */
const DEBOUNCE_MS = 800;

/**
 * Loads the tab's data of the satellite shown, and reloads it when the satellite's changes feed says someone
 * changed settings, users or orgs, or when the satellite comes back. The audit trail reloads itself (audit-tab).
 */
export function useAdminRefresh(satelliteId: string, tab: AdminTab): void {
  useEffect(() => {
    const store = useAdminStore.getState();
    const loadTab = () => {
      if (tab === 'settings') void store.loadSettings(satelliteId);
      if (tab === 'users' || tab === 'orgs') {
        void store.loadUsers(satelliteId);
        void store.loadOrgs(satelliteId);
      }
    };
    loadTab();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stopChanges = onSatelliteChanges((changedId, changes, reset) => {
      if (changedId !== satelliteId) return;
      if (!reset && !changes.some((change) => change.kind === 'settings' || change.kind === 'user' || change.kind === 'org')) return;
      clearTimeout(timer);
      timer = setTimeout(loadTab, DEBOUNCE_MS);
    });
    const stopReconnected = onSatelliteReconnected((id) => id === satelliteId && loadTab());
    return () => {
      clearTimeout(timer);
      stopChanges();
      stopReconnected();
    };
  }, [satelliteId, tab]);
}
