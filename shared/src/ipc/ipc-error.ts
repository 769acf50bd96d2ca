import type { FaultName } from '../api/faults.js';

/**
 * Why a call from the renderer failed, in a shape that survives the process boundary (Electron keeps only
 * an error's message; the browser bridge only JSON):
 * - `fault`: the satellite answered with an API fault (`fault` names it);
 * - `offline`: the satellite could not be reached, or did not answer in time;
 * - `expired`: the session could not be renewed (no saved password, or it no longer works);
 * - `untrusted`: the satellite's certificate is not the trusted one;
 * - `invalid`: the renderer asked for something the map does not allow (a bug, or a forged request);
 * - `internal`: anything else, logged by the main process.
 */
export interface IpcErrorInfo {
  readonly kind: 'fault' | 'offline' | 'expired' | 'untrusted' | 'invalid' | 'internal';
  readonly message: string;
  readonly fault?: FaultName;
  readonly faultCode?: number;
}

/** What a handler's answer becomes on the wire. */
export type IpcOutcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: IpcErrorInfo };

/** A failed call, as the renderer sees it. */
export class IpcError extends Error {
  readonly info: IpcErrorInfo;
  constructor(info: IpcErrorInfo) {
    super(info.message);
    this.name = 'IpcError';
    this.info = info;
  }
}

/** The error info of anything thrown: an `IpcError`'s own, or `internal` with the message. */
export function errorInfoOf(error: unknown): IpcErrorInfo {
  if (error instanceof IpcError) return error.info;
  return { kind: 'internal', message: error instanceof Error ? error.message : String(error) };
}
