import { errorInfoOf, IpcError, isInvokeChannel, type InvokeHandlers, type IpcOutcome } from '@taskomatic/shared/ipc';

/** Where the main process writes what went wrong inside a handler. */
export type ErrorLog = (message: string, error: unknown) => void;

/**
 * Runs the handler of a channel for a request from a trusted renderer and wraps its answer, so that errors
 * cross the boundary whole (kind, fault, message). Unknown channels and malformed arguments are `invalid`;
 * anything a handler throws that is not an `IpcError` is logged and answered as `internal`.
 */
export async function dispatch(handlers: InvokeHandlers, channel: unknown, args: unknown, log: ErrorLog): Promise<IpcOutcome<unknown>> {
  try {
    if (!isInvokeChannel(channel)) throw new IpcError({ kind: 'invalid', message: `${String(channel)} is not a channel of the app` });
    if (!Array.isArray(args)) throw new IpcError({ kind: 'invalid', message: `${channel}: arguments must be a list` });
    const handler = handlers[channel] as (...values: unknown[]) => Promise<unknown>;
    return { ok: true, value: await handler(...args) };
  } catch (error) {
    const info = errorInfoOf(error);
    if (info.kind === 'internal') log(`${String(channel)} failed`, error);
    return { ok: false, error: info };
  }
}
