import { useEffect } from 'react';
import { onSatelliteChanges, onSatelliteReconnected } from '../../pushes';
import { useFleetStore } from '../../stores/fleet-store';
import { useSatellitesStore } from '../../stores/satellites-store';

/** Every so often the overview reads everything again: fire times pass, runs run long, without any change being pushed. */
const REFRESH_MS = 30_000;
/** A burst of changes (a run's steps, a bulk pause) becomes one reload per satellite. */
const DEBOUNCE_MS = 1_500;
/** Kinds of change that alter what a card shows. */
const RELEVANT = new Set(['schedule', 'run', 'settings']);

/**
 * Keeps the fleet overview fresh while it is shown: loads every satellite at once, then reloads one satellite
 * when its changes feed says something moved (debounced) or when it comes back, and all of them every 30 s.
 */
export function useFleetRefresh(): void {
  const ids = useSatellitesStore((state) => state.satellites.map((satellite) => satellite.id).join(' '));

  // On show, and when satellites are added or removed: load each one not already loading, forget removed ones.
  useEffect(() => {
    const { load, forget, slices } = useFleetStore.getState();
    const current = ids.split(' ').filter(Boolean);
    for (const id of current) if (slices[id]?.status !== 'loading') void load(id);
    for (const id of Object.keys(slices)) if (!current.includes(id)) forget(id);
  }, [ids]);

  useEffect(() => {
    const timers = new Map<string, ReturnType<typeof setTimeout>>();
    const later = (satelliteId: string) => {
      clearTimeout(timers.get(satelliteId));
      timers.set(satelliteId, setTimeout(() => void useFleetStore.getState().load(satelliteId), DEBOUNCE_MS));
    };
    const stopChanges = onSatelliteChanges((satelliteId, changes, reset) => {
      if (reset || changes.some((change) => RELEVANT.has(change.kind))) later(satelliteId);
    });
    const stopReconnected = onSatelliteReconnected((satelliteId) => void useFleetStore.getState().load(satelliteId));
    const interval = setInterval(() => void useFleetStore.getState().loadAll(), REFRESH_MS);
    return () => {
      stopChanges();
      stopReconnected();
      clearInterval(interval);
      for (const timer of timers.values()) clearTimeout(timer);
    };
  }, []);
}
