import type { SatelliteView } from '@taskomatic/shared/ipc';
import { useRef } from 'react';
import { useSatellitesStore } from '../../stores/satellites-store';

/** What rows, badges and times show of a satellite. */
function lookOf(satellite: SatelliteView): string {
  const { id, name, colour, glyph, status, statusReason, timeZone, identity } = satellite;
  return JSON.stringify([id, name, colour, glyph, status, statusReason, timeZone, identity?.role, identity?.orgId, identity?.org]);
}

/**
 * `next`, reusing the objects of `previous` whose look did not change (and `previous` itself when none did).
 * The main process pushes a satellite's state after every call it answers (to update when it was last seen):
 * without this, a list of thousands of runs would draw every row again several times a second.
 */
export function stabilize(previous: ReadonlyArray<SatelliteView>, next: ReadonlyArray<SatelliteView>): ReadonlyArray<SatelliteView> {
  const kept = next.map((satellite) => {
    const old = previous.find((item) => item.id === satellite.id);
    return old && lookOf(old) === lookOf(satellite) ? old : satellite;
  });
  return kept.length === previous.length && kept.every((satellite, index) => satellite === previous[index]) ? previous : kept;
}

/**
 * The satellites, the same objects for as long as what is shown of them stays the same; the caller is not even
 * drawn again when nothing it shows changed.
 */
export function useStableSatellites(): ReadonlyArray<SatelliteView> {
  const kept = useRef<ReadonlyArray<SatelliteView>>([]);
  // Idempotent: the selector may run more than once for one state, and always returns the same for it.
  return useSatellitesStore((state) => (kept.current = stabilize(kept.current, state.satellites)));
}
