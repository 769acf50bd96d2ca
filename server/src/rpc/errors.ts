import { ApiFault, type FaultName } from '@taskomatic/shared';
import { EngineRequestError } from '../engine/engine.js';
import type { Logger } from '../logger.js';
import { ParameterError } from '../runner/params/validate-params.js';
import { DomainError, type DomainErrorCode } from '../services/domain-error.js';

const DOMAIN_FAULTS: Readonly<Record<DomainErrorCode, FaultName>> = {
  'not-found': 'NOT_FOUND',
  'invalid-cron': 'INVALID_CRON',
  'invalid-time-zone': 'INVALID_TIME_ZONE',
  'invalid-parameter': 'INVALID_PARAMETER',
  'invalid-argument': 'INVALID_ARGUMENT',
  'label-taken': 'LABEL_TAKEN',
  'version-conflict': 'VERSION_CONFLICT',
  'scope-mismatch': 'SCOPE_MISMATCH',
  conflict: 'CONFLICT',
  'permission-denied': 'PERMISSION_DENIED',
};

/**
 * The API's one error funnel: domain errors become faults of the closed list with their message (`mapError`
 * adds other modules' errors, e.g. failed logins); anything else is logged with its cause and leaves as
 * INTERNAL, without a stack.
 */
export function toFault(error: unknown, logger: Logger, method: string, mapError?: (error: unknown) => ApiFault | null): ApiFault {
  if (error instanceof ApiFault) return error;
  if (error instanceof DomainError) return new ApiFault(DOMAIN_FAULTS[error.code], error.message);
  if (error instanceof ParameterError) return new ApiFault('INVALID_PARAMETER', error.message);
  if (error instanceof EngineRequestError) {
    const fault: FaultName = error.code === 'not-found' ? 'NOT_FOUND' : error.code === 'stopped' ? 'UNAVAILABLE' : 'INVALID_ARGUMENT';
    return new ApiFault(fault, error.message);
  }
  const mapped = mapError?.(error);
  if (mapped) return mapped;
  logger.error('API call failed unexpectedly', { method, error, stack: error instanceof Error ? error.stack : undefined });
  return new ApiFault('INTERNAL', `${method} failed unexpectedly; the server logged the cause`);
}
