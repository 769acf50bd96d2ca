/**
 * What PostgreSQL's errors mean to the server. Codes are SQLSTATEs (PostgreSQL manual, appendix A); a lost
 * connection surfaces from node-postgres as a Node socket error or a message without a code.
 */

/** SQLSTATEs of errors that may go away by themselves: retrying the same write can succeed. */
const TRANSIENT_STATES = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '55P03', // lock_not_available
  '57P01', // admin_shutdown (the server restarts: a new connection will do)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, or in recovery)
  '53100', // disk_full
  '53200', // out_of_memory
  '53300', // too_many_connections
]);

const TRANSIENT_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/** node-postgres reports these without a code when the server goes away or the pool cannot connect in time. */
const CONNECTION_LOST = /Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect|Connection ended/i;

/** True for a serialization failure, a deadlock, a full disk, or a lost or refused connection. */
export function isTransientPostgresError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    // Class 08: connection exceptions.
    if (code.startsWith('08') || TRANSIENT_STATES.has(code) || TRANSIENT_SOCKET_CODES.has(code)) return true;
  }
  return error instanceof Error && CONNECTION_LOST.test(error.message);
}

/** True when PostgreSQL aborted a transaction for a conflict with a concurrent one: running it again can succeed. */
export function isSerializationFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '40001' || code === '40P01';
}

/** Why a PostgreSQL database could not be opened, in words an administrator can act on. */
export function describePostgresOpenError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  switch (code) {
    case 'ECONNREFUSED':
      return `nothing answers there; is PostgreSQL running and listening on that address? (${message})`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `the host name cannot be resolved (${message})`;
    case '28P01':
    case '28000':
      return `the server refused the user's credentials (${message})`;
    case '3D000':
      return `the database does not exist; create it first (${message})`;
    case '42501':
      return `the user lacks a privilege the server needs (${message})`;
    default:
      return message;
  }
}

/** The URL with its password masked: for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ':***@');
  }
}
