import { AUTH, CATALOG, SATELLITE, SYSTEM, TENANTS } from './contract-admin.js';
import { RUNS } from './contract-runs.js';
import { SCHEDULES } from './contract-schedules.js';
import { SPACEWALK_ORG, SPACEWALK_SAT } from './contract-spacewalk.js';
import type { MethodArgs, MethodResult, MethodSpec } from './method.js';

/**
 * Every method of the API, declared once: the server's handlers are typed from it (a missing handler does
 * not compile), its gate checks roles and parameters from it, the API reference and system.* introspection are
 * generated from it, and the desktop app's client is typed from it.
 */
export const CONTRACT = {
  ...AUTH,
  ...SYSTEM,
  ...SPACEWALK_SAT,
  ...SPACEWALK_ORG,
  ...SCHEDULES,
  ...RUNS,
  ...CATALOG,
  ...TENANTS,
  ...SATELLITE,
} as const satisfies Readonly<Record<string, MethodSpec>>;

export type Contract = typeof CONTRACT;
export type MethodName = keyof Contract;

/** The arguments of a method, after the session key. */
export type ArgsOf<M extends MethodName> = MethodArgs<Contract[M]>;
/** The result of a method. */
export type ResultOf<M extends MethodName> = MethodResult<Contract[M]>;

/** True for a name of the contract. */
export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(CONTRACT, name);
}
