import type { ChangeInfo } from '@taskomatic/shared';
import { desktopApi } from './api';
import { useSatellitesStore } from './stores/satellites-store';

/** Something that wants to know what changed on a satellite (a store reloading what it shows). */
export type ChangesListener = (satelliteId: string, changes: ReadonlyArray<ChangeInfo>, reset: boolean) => void;

const changesListeners = new Set<ChangesListener>();

/** Registers a listener for a satellite's changes feed; returns the unsubscribe function. */
export function onSatelliteChanges(listener: ChangesListener): () => void {
  changesListeners.add(listener);
  return () => changesListeners.delete(listener);
}

/** Listeners for "a satellite came back": stores refetch what they showed greyed. */
const reconnectListeners = new Set<(satelliteId: string) => void>();

export function onSatelliteReconnected(listener: (satelliteId: string) => void): () => void {
  reconnectListeners.add(listener);
  return () => reconnectListeners.delete(listener);
}

/** Where every push of the main process lands: once, at start. */
export function startPushes(): void {
  const api = desktopApi();
  api.on.satelliteState((view) => {
    const before = useSatellitesStore.getState().satellites.find((item) => item.id === view.id);
    useSatellitesStore.getState().applyState(view);
    const wasDown = before && (before.status === 'offline' || before.status === 'expired' || before.status === 'connecting');
    if (wasDown && (view.status === 'connected' || view.status === 'slow')) for (const listener of reconnectListeners) listener(view.id);
  });
  api.on.satelliteRemoved(({ id }) => useSatellitesStore.getState().applyRemoved(id));
  api.on.satelliteChanges(({ satelliteId, changes, reset }) => {
    for (const listener of changesListeners) listener(satelliteId, changes, reset);
  });
}
