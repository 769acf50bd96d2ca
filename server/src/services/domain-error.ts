/** Why a request was refused; the API maps each to a fault code of its closed list. */
export type DomainErrorCode =
  | 'not-found'
  | 'invalid-cron'
  | 'invalid-time-zone'
  | 'invalid-parameter'
  | 'invalid-argument'
  | 'label-taken'
  | 'version-conflict'
  | 'scope-mismatch'
  | 'conflict'
  | 'permission-denied';

/** A request refused for a reason the caller can fix; the message names the problem. */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'DomainError';
  }
}
