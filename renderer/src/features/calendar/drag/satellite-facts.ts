import { useSatellitesStore } from '../../../stores/satellites-store';

// Read when asked (a pointer move, a drop), not subscribed to: a health check must not redraw a drag.

/** A satellite's name, for what the ghost and toasts say; `fallback` for one removed meanwhile. */
export function nameOf(satelliteId: string, fallback = satelliteId): string {
  return useSatellitesStore.getState().satellites.find((satellite) => satellite.id === satelliteId)?.name ?? fallback;
}

/** The user's role on a satellite; undefined when not signed in there. */
export function roleOn(satelliteId: string): 'sat-admin' | 'org-admin' | undefined {
  return useSatellitesStore.getState().satellites.find((satellite) => satellite.id === satelliteId)?.identity?.role;
}
