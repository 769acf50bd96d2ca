/**
 * The closed list of API faults. Every fault a caller can receive is one of these, with its number (the
 * XML-RPC faultCode) and a message that says what was wrong. Numbers never change once published.
 */
export const FAULTS = {
  /** The request could not be read: malformed XML, an entity declaration, too deep, a body cut short. */
  BAD_REQUEST: { code: 1, help: 'The request is not a well-formed XML-RPC call within the limits' },
  /** The body is larger than the server accepts. */
  REQUEST_TOO_LARGE: { code: 2, help: 'The request body is over the size limit' },
  UNKNOWN_METHOD: { code: 3, help: 'No method of that name exists (see system.listMethods)' },
  /** Wrong number or types of parameters, a string with control characters or over its length. */
  INVALID_PARAMS: { code: 4, help: 'The parameters do not match the method signature' },
  /** No session key, or an expired, logged out or forged one. */
  NOT_AUTHENTICATED: { code: 10, help: 'The session key is missing, expired or unknown: log in again' },
  LOGIN_FAILED: { code: 11, help: 'Invalid username or password' },
  LOGIN_THROTTLED: { code: 12, help: 'Too many failed logins: wait before trying again' },
  /** The caller's role may not call this method, or the object belongs to another org. */
  PERMISSION_DENIED: { code: 13, help: 'Your role may not do this' },
  NOT_FOUND: { code: 20, help: 'The object does not exist (or is not visible to you)' },
  INVALID_ARGUMENT: { code: 21, help: 'A value is not acceptable; the message says which and why' },
  INVALID_CRON: { code: 22, help: 'The cron expression is not valid Quartz syntax; the message names the field' },
  INVALID_TIME_ZONE: { code: 23, help: 'The time zone is not a known IANA zone' },
  INVALID_PARAMETER: { code: 24, help: 'A task parameter value fails its type, pattern or range' },
  LABEL_TAKEN: { code: 25, help: 'An active schedule with this label already exists in this scope' },
  VERSION_CONFLICT: { code: 26, help: 'The object changed since you read it; the message says who changed it' },
  SCOPE_MISMATCH: { code: 27, help: 'Satellite-level and org-level things do not mix here' },
  CONFLICT: { code: 28, help: 'The change contradicts the current state (e.g. removing the last satellite admin)' },
  /** The scheduler is stopping or not running. */
  UNAVAILABLE: { code: 30, help: 'The scheduler is not running; try again shortly' },
  /** Anything unexpected: logged on the server with its cause; the caller gets no stack. */
  INTERNAL: { code: 99, help: 'An unexpected error; it was logged on the server' },
} as const;

export type FaultName = keyof typeof FAULTS;

/** A fault to send back: its name from the closed list and what was wrong. */
export class ApiFault extends Error {
  readonly fault: FaultName;

  constructor(fault: FaultName, message?: string, options?: ErrorOptions) {
    super(message ?? FAULTS[fault].help, options);
    this.name = 'ApiFault';
    this.fault = fault;
  }

  /** The XML-RPC faultCode. */
  get code(): number {
    return FAULTS[this.fault].code;
  }
}

/** The fault name of an XML-RPC faultCode, if it is one of ours. */
export function faultOfCode(code: number): FaultName | undefined {
  return (Object.keys(FAULTS) as FaultName[]).find((name) => FAULTS[name].code === code);
}
