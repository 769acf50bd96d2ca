import { ApiFault, type ApiParam, CONTRACT, type MethodName, type MethodSpec, isMethodName } from '@taskomatic/shared';
import type { Logger } from '../logger.js';
import { ParamTypeError, checkValue } from './check-value.js';
import { toFault } from './errors.js';
import type { Handlers } from './handlers/handler.js';

/** Who is calling: a logged-in user, as their session says. */
export interface Caller {
  readonly userId: number;
  readonly username: string;
  readonly role: 'sat-admin' | 'org-admin';
  readonly orgId: number | null;
}

/** One call as the handlers see it. */
export interface CallContext {
  /** Null only for the public methods. */
  readonly caller: Caller | null;
  readonly sessionKey: string | null;
  /** Network address of the client, for the audit trail and login throttling. */
  readonly address: string;
}

/** Resolves session keys (the auth service). */
export interface SessionResolver {
  resolve(key: string): Promise<Caller | null>;
}

/** A call's outcome: a value to serialize, or a fault from the closed list. */
export type CallOutcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly fault: ApiFault };

export interface GateDeps {
  readonly handlers: Handlers;
  readonly sessions: SessionResolver;
  readonly logger: Logger;
  /** Told of every call, for metrics. */
  readonly observe?: (method: string, outcome: CallOutcome, ms: number) => void;
  /** Maps errors of other modules to faults (e.g. failed logins). */
  readonly mapError?: (error: unknown) => ApiFault | null;
  /** Runs before each handler (several nodes: reload what other nodes changed). */
  readonly beforeCall?: () => Promise<void>;
}

/**
 * The one door of the API: looks the method up in the contract, authenticates the session key, checks the
 * role the contract gives the method, checks every parameter against its declared type (rebuilding structs
 * into fresh objects), then calls the handler. Every error leaves as a fault of the closed list; anything
 * unexpected is logged with its cause and sent as INTERNAL, without a stack.
 */
export class ApiGate {
  readonly #deps: GateDeps;

  constructor(deps: GateDeps) {
    this.#deps = deps;
  }

  async call(methodName: string, params: ReadonlyArray<unknown>, address: string): Promise<CallOutcome> {
    const started = performance.now();
    let outcome: CallOutcome;
    try {
      outcome = { ok: true, value: await this.#call(methodName, params, address) };
    } catch (error) {
      outcome = { ok: false, fault: toFault(error, this.#deps.logger, methodName, this.#deps.mapError) };
    }
    this.#deps.observe?.(isMethodName(methodName) ? methodName : '(unknown)', outcome, performance.now() - started);
    return outcome;
  }

  async #call(methodName: string, params: ReadonlyArray<unknown>, address: string): Promise<unknown> {
    if (!isMethodName(methodName)) {
      throw new ApiFault('UNKNOWN_METHOD', `No method ${methodName.slice(0, 200)} (see system.listMethods)`);
    }
    const spec: MethodSpec = CONTRACT[methodName];
    let caller: Caller | null = null;
    let sessionKey: string | null = null;
    let args = params;
    if (spec.role !== 'public') {
      const key = params[0];
      if (typeof key !== 'string' || key === '') {
        throw new ApiFault('NOT_AUTHENTICATED', `${methodName} needs a session key as its first parameter (from auth.login)`);
      }
      caller = await this.#deps.sessions.resolve(key);
      if (!caller) throw new ApiFault('NOT_AUTHENTICATED', 'The session key is unknown or expired: log in again');
      sessionKey = key;
      if (spec.role === 'sat-admin' && caller.role !== 'sat-admin') {
        throw new ApiFault('PERMISSION_DENIED', `${methodName} is for satellite admins`);
      }
      if (spec.role === 'org-admin' && caller.role !== 'org-admin') {
        throw new ApiFault('PERMISSION_DENIED', `${methodName} is for org admins (satellite admins use the taskomatic.* methods)`);
      }
      args = params.slice(1);
    }
    const checked = checkArgs(methodName, spec, args);
    // Checked against the contract above: the handler receives what its type says.
    const handlers = this.#deps.handlers as unknown as Readonly<Record<string, (call: CallContext, ...args: unknown[]) => Promise<unknown>>>;
    const handler = handlers[methodName] as (call: CallContext, ...args: unknown[]) => Promise<unknown>;
    await this.#deps.beforeCall?.();
    return handler({ caller, sessionKey, address }, ...checked);
  }
}

/** Picks the signature with as many parameters as given and checks each value against it. */
function checkArgs(methodName: MethodName, spec: MethodSpec, args: ReadonlyArray<unknown>): unknown[] {
  const signature = spec.signatures.find((s) => s.length === args.length);
  if (!signature) {
    const counts = spec.signatures.map((s) => s.length).join(' or ');
    const described = spec.signatures.map((s) => `(${describeParams(spec, s)})`).join(' or ');
    const after = spec.role === 'public' ? '' : ' after the session key';
    throw new ApiFault('INVALID_PARAMS', `${methodName} takes ${counts} parameters${after}: ${described}; got ${args.length}`);
  }
  try {
    return signature.map((param, i) => checkValue(param.type, args[i], param.name));
  } catch (error) {
    if (error instanceof ParamTypeError) throw new ApiFault('INVALID_PARAMS', `${methodName}: ${error.message}`);
    throw error;
  }
}

function describeParams(spec: MethodSpec, params: ReadonlyArray<ApiParam>): string {
  const names = params.map((p) => p.name);
  return (spec.role === 'public' ? names : ['sessionKey', ...names]).join(', ');
}
