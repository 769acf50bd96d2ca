import { faultOfCode } from '@taskomatic/shared';
import { IpcError } from '@taskomatic/shared/ipc';

/** The satellite could not be reached or did not answer in time. */
export function offline(message: string, cause?: unknown): IpcError {
  return withCause(new IpcError({ kind: 'offline', message }), cause);
}

/** The server's certificate is not the trusted one. */
export function untrusted(message: string): IpcError {
  return new IpcError({ kind: 'untrusted', message });
}

/** The satellite answered with an XML-RPC fault. */
export function faultError(faultCode: number, faultString: string): IpcError {
  const fault = faultOfCode(faultCode);
  return new IpcError({ kind: 'fault', message: faultString, faultCode, ...(fault ? { fault } : {}) });
}

/**
 * The server answered, but not like a Taskomatic server (a router's page, another service on that port). Not
 * an `IpcError`: the connection shows it as offline, "Test connection" as a protocol problem.
 */
export class NotTaskomaticError extends Error {
  override readonly name = 'NotTaskomaticError';
}

/** A session that could not be renewed. */
export function expired(message: string): IpcError {
  return new IpcError({ kind: 'expired', message });
}

function withCause(error: IpcError, cause: unknown): IpcError {
  if (cause !== undefined) Object.defineProperty(error, 'cause', { value: cause });
  return error;
}
