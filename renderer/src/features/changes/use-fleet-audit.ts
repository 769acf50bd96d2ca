import type { AuditEntryInfo } from '@taskomatic/shared';
import type { SatelliteView } from '@taskomatic/shared/ipc';
import { useCallback, useEffect, useRef, useState } from 'react';
import { desktopApi } from '../../api';
import { errorSlice, loadingSlice, readySlice, type SatelliteSlice } from '../../lib/per-satellite';
import { onSatelliteChanges, onSatelliteReconnected } from '../../pushes';

/** Newest entries asked of each satellite (the merged list shows at most as many). */
export const AUDIT_PER_SATELLITE = 100;
/** Bursts of changes (a bulk edit) become one reload. */
const DEBOUNCE_MS = 800;
/** Kinds of change the audit trail records (runs are the history, not audited). */
const AUDITED = new Set(['schedule', 'bunch', 'settings', 'user', 'org']);

export type AuditSlices = Readonly<Record<string, SatelliteSlice<ReadonlyArray<AuditEntryInfo>>>>;

/** What the merged trail asks each satellite: entries since an instant, of one kind of target or all. */
export interface FleetAuditQuery {
  readonly sinceMs: number;
  readonly targetType?: string;
}

/**
 * The newest audit entries of each satellite where the user is a satellite admin (audit.list is theirs: org admins
 * are not asked, the screen says so). Each satellite answers on its own; one reloads when its changes feed reports
 * an audited change or when it comes back; a satellite that fails keeps its last entries (greyed by the screen).
 */
export function useFleetAudit(admins: ReadonlyArray<SatelliteView>, query: FleetAuditQuery): { slices: AuditSlices; reload: (satelliteId?: string) => void } {
  const [slices, setSlices] = useState<AuditSlices>({});
  const live = useRef({ query, ids: admins.map((satellite) => satellite.id) });
  live.current = { query, ids: admins.map((satellite) => satellite.id) };
  // Per satellite, the latest load: a late answer to an older query or reload is dropped.
  const tickets = useRef(new Map<string, number>());

  const load = useCallback((satelliteId: string) => {
    const ticket = (tickets.current.get(satelliteId) ?? 0) + 1;
    tickets.current.set(satelliteId, ticket);
    const current = () => tickets.current.get(satelliteId) === ticket;
    const { sinceMs, targetType } = live.current.query;
    setSlices((shown) => ({ ...shown, [satelliteId]: loadingSlice(shown[satelliteId]) }));
    const filter = { from: new Date(Date.now() - sinceMs), limit: AUDIT_PER_SATELLITE, ...(targetType ? { targetType } : {}) };
    desktopApi()
      .call(satelliteId, 'audit.list', filter)
      .then(
        (page) => current() && setSlices((shown) => ({ ...shown, [satelliteId]: readySlice(page.entries) })),
        (error: unknown) => current() && setSlices((shown) => ({ ...shown, [satelliteId]: errorSlice(shown[satelliteId], error) })),
      );
  }, []);
  const reload = useCallback((satelliteId?: string) => {
    for (const id of satelliteId ? [satelliteId] : live.current.ids) load(id);
  }, [load]);

  const key = admins.map((satellite) => satellite.id).join(',');
  useEffect(() => {
    // A new query replaces every satellite's list: the old entries would not match its filter.
    setSlices({});
    reload();
  }, [key, query.sinceMs, query.targetType, reload]);

  useEffect(() => {
    const timers = new Map<string, ReturnType<typeof setTimeout>>();
    const later = (satelliteId: string) => {
      if (!live.current.ids.includes(satelliteId)) return;
      clearTimeout(timers.get(satelliteId));
      timers.set(satelliteId, setTimeout(() => load(satelliteId), DEBOUNCE_MS));
    };
    const stopChanges = onSatelliteChanges((satelliteId, changes, reset) => {
      if (reset || changes.some((change) => AUDITED.has(change.kind))) later(satelliteId);
    });
    const stopReconnected = onSatelliteReconnected(later);
    return () => {
      for (const timer of timers.values()) clearTimeout(timer);
      stopChanges();
      stopReconnected();
    };
  }, [load]);

  return { slices, reload };
}
