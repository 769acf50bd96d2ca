import type { IpcErrorInfo } from '@taskomatic/shared/ipc';
import { IpcError } from '@taskomatic/shared/ipc';

/**
 * What one satellite answered for a panel. Results from several satellites are partial by design: each keeps
 * its own state, and a satellite that stops answering keeps its last data (`asOf`) shown greyed.
 */
export interface SatelliteSlice<T> {
  readonly status: 'loading' | 'ready' | 'error';
  readonly data?: T;
  readonly error?: IpcErrorInfo;
  /** When `data` was received. */
  readonly asOf?: Date;
}

/** The slice after a load started: previous data kept. */
export function loadingSlice<T>(previous: SatelliteSlice<T> | undefined): SatelliteSlice<T> {
  return { ...previous, status: 'loading' };
}

/** The slice after a load answered. */
export function readySlice<T>(data: T): SatelliteSlice<T> {
  return { status: 'ready', data, asOf: new Date() };
}

/** The slice after a load failed: previous data kept, greyed by the panel. */
export function errorSlice<T>(previous: SatelliteSlice<T> | undefined, error: unknown): SatelliteSlice<T> {
  const info: IpcErrorInfo = error instanceof IpcError ? error.info : { kind: 'internal', message: error instanceof Error ? error.message : String(error) };
  return { ...(previous?.data !== undefined ? { data: previous.data, asOf: previous.asOf } : {}), status: 'error', error: info };
}

/** Runs `load` for each satellite at once; each one's answer is reported as soon as it comes. */
export async function fanOut<T>(satelliteIds: ReadonlyArray<string>, load: (satelliteId: string) => Promise<T>, report: (satelliteId: string, result: { ok: true; value: T } | { ok: false; error: unknown }) => void): Promise<void> {
  await Promise.all(
    satelliteIds.map(async (id) => {
      try {
        report(id, { ok: true, value: await load(id) });
      } catch (error) {
        report(id, { ok: false, error });
      }
    }),
  );
}
