import { ApiFault, type MethodName } from '@taskomatic/shared';
import type { AuthService } from '../auth/auth-service.js';
import { AuthenticationError } from '../auth/authentication-error.js';
import { LoginThrottledError } from '../auth/login-throttle.js';
import type { BunchService } from '../services/bunch-service.js';
import type { ChangeFeed } from '../services/change-feed.js';
import type { SettingsService } from '../services/settings-service.js';
import { ApiGate, type CallOutcome } from './gate.js';
import { adminHandlers } from './handlers/admin-handlers.js';
import type { ApiDeps } from './handlers/api-deps.js';
import { calendarHandlers } from './handlers/calendar-handlers.js';
import { catalogHandlers } from './handlers/catalog-handlers.js';
import type { Handlers } from './handlers/handler.js';
import { runHandlers } from './handlers/run-handlers.js';
import { scheduleHandlers } from './handlers/schedule-handlers.js';
import { spacewalkHandlers } from './handlers/spacewalk-handlers.js';
import { systemHandlers } from './handlers/system-handlers.js';
import { tenantHandlers } from './handlers/tenant-handlers.js';

/** Everything the API needs, built by the composition root. */
export interface ApiServices extends ApiDeps {
  readonly auth: AuthService;
  readonly bunchService: BunchService;
  readonly settingsService: SettingsService;
  readonly changes: ChangeFeed;
  readonly observe: (method: string, outcome: CallOutcome, ms: number) => void;
  /** Runs before each call's handler (several nodes: reload what other nodes changed). */
  readonly beforeCall?: () => Promise<void>;
}

/** The API's gate with a handler for every method of the contract. */
export function createApi(services: ApiServices): ApiGate {
  let gate: ApiGate | undefined;
  const handlers = {
    ...tenantHandlers(services),
    ...systemHandlers(() => (name, params, address) => (gate as ApiGate).call(name, params, address)),
    ...spacewalkHandlers(services),
    ...scheduleHandlers(services),
    ...runHandlers(services),
    ...calendarHandlers(services),
    ...catalogHandlers(services),
    ...adminHandlers(services),
  } satisfies Record<MethodName, unknown>;
  gate = new ApiGate({
    handlers: handlers as unknown as Handlers,
    sessions: services.auth,
    logger: services.logger,
    observe: services.observe,
    ...(services.beforeCall ? { beforeCall: services.beforeCall } : {}),
    mapError: (error) =>
      error instanceof AuthenticationError
        ? new ApiFault('LOGIN_FAILED', error.message)
        : error instanceof LoginThrottledError
          ? new ApiFault('LOGIN_THROTTLED', error.message)
          : null,
  });
  return gate;
}
