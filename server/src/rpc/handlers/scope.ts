import { ApiFault } from '@taskomatic/shared';
import type { Caller } from '../gate.js';

/**
 * Org scoping, from the caller's identity and never from parameters: an org admin sees their own org only;
 * a satellite admin sees everything, or what they filter for.
 */
export function orgFilter(caller: Caller, requested: { readonly orgId?: number; readonly satelliteOnly?: boolean } = {}): number | null | undefined {
  if (caller.role === 'org-admin') return caller.orgId ?? -1;
  if (requested.satelliteOnly) return null;
  return requested.orgId;
}

/** Refuses an object of another org (as not found, so nothing leaks about what exists elsewhere). */
export function requireVisible(caller: Caller, orgId: number | null, what: string): void {
  if (caller.role === 'sat-admin') return;
  if (orgId === null || orgId !== caller.orgId) throw new ApiFault('NOT_FOUND', `${what} does not exist`);
}

/** The caller of a method that needs a session (the gate guarantees one). */
export function callerOf(call: { readonly caller: Caller | null }): Caller {
  if (!call.caller) throw new ApiFault('NOT_AUTHENTICATED', 'This method needs a session key');
  return call.caller;
}

/** An epoch-millisecond instant as an API dateTime, or undefined. */
export function date(ms: number | null | undefined): Date | undefined {
  return ms === null || ms === undefined ? undefined : new Date(ms);
}

/** Drops undefined members, so optional struct fields are left out (XML-RPC has no null). */
export function compact<T extends Record<string, unknown>>(value: T): T {
  for (const key of Object.keys(value)) if (value[key] === undefined) delete value[key];
  return value;
}
