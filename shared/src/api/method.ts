import type { FaultName } from './faults.js';
import type { ApiParam, ApiType, Infer } from './types.js';

/**
 * Who may call a method, checked once at the API gate before any handler runs:
 * - `public`: no session (auth.login, system.*);
 * - `any`: any logged-in user; what they see is scoped to their org in the queries;
 * - `sat-admin`: satellite admins only;
 * - `org-admin`: org admins only, pinned to their own org (Spacewalk's taskomatic.org.*).
 */
export type Role = 'public' | 'any' | 'sat-admin' | 'org-admin';

/** One method of the API, declared once. */
export interface MethodSpec {
  readonly role: Role;
  /**
   * The parameter lists it accepts, after the session key (which every method but the public ones takes
   * first). Several lists are overloads told apart by their length, as in Spacewalk's API.
   */
  readonly signatures: ReadonlyArray<ReadonlyArray<ApiParam>>;
  readonly result: ApiType;
  /** Faults it may raise besides those of the gate (bad request, authentication, permission, internal). */
  readonly faults: ReadonlyArray<FaultName>;
  /** One line of help, for system.methodHelp and the reference. */
  readonly help: string;
}

/** A positional parameter. */
export function p<T extends ApiType>(name: string, type: T, doc?: string): { readonly name: string; readonly type: T; readonly doc?: string } {
  return { name, type, ...(doc ? { doc } : {}) };
}

/** Declares a method; keeps its exact types for the handlers and the client. */
export function method<const S extends ReadonlyArray<ReadonlyArray<ApiParam>>, R extends ApiType>(spec: {
  readonly role: Role;
  readonly signatures: S;
  readonly result: R;
  readonly faults: ReadonlyArray<FaultName>;
  readonly help: string;
}): { readonly role: Role; readonly signatures: S; readonly result: R; readonly faults: ReadonlyArray<FaultName>; readonly help: string } {
  // Not typed as `MethodSpec & …`: the intersection would make every result `ApiType & R`, which the
  // compiler then infers over each member of ApiType.
  return spec;
}

/** The argument tuple of a parameter list. */
export type InferArgs<P> = { -readonly [K in keyof P]: P[K] extends { type: infer T } ? Infer<T> : never };

/** The arguments a handler receives: one of the method's signatures. */
export type MethodArgs<M> = M extends { signatures: ReadonlyArray<infer S> } ? InferArgs<S> : never;

/** The value a handler returns. */
export type MethodResult<M> = M extends { result: infer R } ? Infer<R> : never;
