import type { SatelliteView } from '@taskomatic/shared/ipc';
import { useEffect, useRef } from 'react';
import { onSatelliteChanges, onSatelliteReconnected } from '../../pushes';
import { isReachable } from '../../stores/satellites-store';
import { requestSchedulesReload, useSchedulesStore } from '../../stores/schedules-store';

/** The kinds of change that alter the list: its schedules, their runs (next fire, last result), their bunches. */
const RELEVANT = new Set(['schedule', 'run', 'bunch']);

/**
 * Keeps the schedules list current while it is shown: every satellite loaded when the list opens, reloaded when
 * its changes feed reports schedules or runs (debounced) and when it comes back; greyed when it goes away.
 */
export function useSchedulesLive(satellites: ReadonlyArray<SatelliteView>): void {
  const load = useSchedulesStore((state) => state.load);
  const markUnreachable = useSchedulesStore((state) => state.markUnreachable);
  const opened = useRef(new Set<string>());

  // Keyed on ids and statuses: a satellite added, gone offline or back is handled; a health tick is not.
  const key = satellites.map((satellite) => `${satellite.id}:${satellite.status}`).join(',');
  useEffect(() => {
    for (const satellite of satellites) {
      if (!isReachable(satellite)) {
        markUnreachable(satellite);
        continue;
      }
      const slice = useSchedulesStore.getState().schedules[satellite.id];
      // Fresh data each time the list opens; afterwards only what is missing or failed.
      if (!opened.current.has(satellite.id) || !slice || slice.status === 'error') {
        opened.current.add(satellite.id);
        void load(satellite.id);
      }
    }
    // `key` stands for the satellites' ids and statuses; `satellites` itself changes with every health tick.
  }, [key, load, markUnreachable]);

  useEffect(() => {
    const offChanges = onSatelliteChanges((satelliteId, changes, reset) => {
      if (reset || changes.some((change) => RELEVANT.has(change.kind))) requestSchedulesReload(satelliteId);
    });
    const offReconnected = onSatelliteReconnected((satelliteId) => requestSchedulesReload(satelliteId, 0));
    return () => {
      offChanges();
      offReconnected();
    };
  }, []);
}
