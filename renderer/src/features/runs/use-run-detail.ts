import type { BunchRunDetail } from '@taskomatic/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { desktopApi } from '../../api';
import { errorSlice, loadingSlice, readySlice, type SatelliteSlice } from '../../lib/per-satellite';
import { onSatelliteChanges, onSatelliteReconnected } from '../../pushes';
import { isUnderWay } from './run-summary';

/** How often a run under way is read again when no change arrives (the changes feed may be down). */
const POLL_MS = 10_000;

/**
 * One bunch run with its steps, kept up to date while it is under way: read again on each change of it in the
 * satellite's changes feed, when the satellite comes back, and every 10 s as a fallback. `known`: the satellite
 * is one of the app's.
 */
export function useRunDetail(satelliteId: string, bunchRunId: number, known: boolean): { readonly slice: SatelliteSlice<BunchRunDetail> | undefined; readonly reload: () => void } {
  const [slice, setSlice] = useState<SatelliteSlice<BunchRunDetail>>();
  const asked = `${satelliteId}/${bunchRunId}`;
  const current = useRef(asked);
  const busy = useRef<{ again: boolean } | undefined>(undefined);
  current.current = asked;

  const reload = useCallback(() => {
    // A link to a satellite this app does not have, or without a run number: nothing to ask.
    if (!known || !Number.isSafeInteger(bunchRunId)) return;
    // One read at a time; changes arriving meanwhile make one more read after it.
    if (busy.current) return void (busy.current.again = true);
    const flight = { again: false };
    busy.current = flight;
    setSlice((previous) => loadingSlice(previous));
    desktopApi()
      .call(satelliteId, 'runs.get', { bunchRunId })
      .then(
        (detail) => current.current === asked && setSlice(readySlice(detail)),
        (error: unknown) => current.current === asked && setSlice((previous) => errorSlice(previous, error)),
      )
      .finally(() => {
        busy.current = undefined;
        if (flight.again && current.current === asked) reload();
      });
  }, [satelliteId, bunchRunId, asked, known]);

  useEffect(() => {
    setSlice(undefined);
    busy.current = undefined;
    reload();
    const stopChanges = onSatelliteChanges((id, changes, reset) => {
      if (id === satelliteId && (reset || changes.some((change) => change.kind === 'run' && change.id === bunchRunId))) reload();
    });
    const stopReconnected = onSatelliteReconnected((id) => id === satelliteId && reload());
    return () => {
      stopChanges();
      stopReconnected();
    };
  }, [satelliteId, bunchRunId, reload]);

  const underWay = slice?.data !== undefined && isUnderWay(slice.data.status);
  useEffect(() => {
    if (!underWay) return undefined;
    const timer = setInterval(reload, POLL_MS);
    return () => clearInterval(timer);
  }, [underWay, reload]);

  return { slice, reload };
}
