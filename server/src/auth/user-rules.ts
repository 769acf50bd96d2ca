import { DomainError } from '../services/domain-error.js';
import { isUserRole, type UserRole } from './caller.js';

/** User names: 1 to 64 of letters, digits and `. _ @ -` (an e-mail address fits). */
const USERNAME = /^[A-Za-z0-9._@-]{1,64}$/;
const ORG_NAME_MAX = 100;

/** Whether `username` could be a user name at all (a login with anything else fails without a lookup). */
export function isValidUsername(username: string): boolean {
  return USERNAME.test(username);
}

export function checkUsername(username: string): void {
  if (!isValidUsername(username)) {
    throw new DomainError('invalid-argument', `User name '${printable(username)}' is not valid: use 1 to 64 letters, digits, '.', '_', '@' or '-'`);
  }
}

/** An org name, trimmed: 1 to 100 characters, no control characters. */
export function checkOrgName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') throw new DomainError('invalid-argument', 'An org needs a name');
  if (/\p{Cc}/u.test(trimmed)) throw new DomainError('invalid-argument', 'An org name cannot contain control characters');
  if ([...trimmed].length > ORG_NAME_MAX) throw new DomainError('invalid-argument', `An org name can have at most ${ORG_NAME_MAX} characters`);
  return trimmed;
}

/**
 * The role and org a user ends up with: a satellite admin belongs to no org, an org admin to exactly one.
 * Turning an org admin into a satellite admin drops the org without being told; the other way needs one.
 */
export function roleAndOrg(role: unknown, orgId: number | null | undefined, before?: { role: UserRole; orgId: number | null }): { role: UserRole; orgId: number | null } {
  const nextRole = role === undefined && before ? before.role : role;
  if (!isUserRole(nextRole)) throw new DomainError('invalid-argument', `Role '${printable(String(nextRole))}' is not one of sat-admin, org-admin`);
  const nextOrg = orgId !== undefined ? orgId : nextRole === 'sat-admin' ? null : (before?.orgId ?? null);
  if (nextRole === 'sat-admin' && nextOrg !== null) throw new DomainError('invalid-argument', 'A satellite admin belongs to no org: leave the org out');
  if (nextRole === 'org-admin' && nextOrg === null) throw new DomainError('invalid-argument', 'An org admin needs an org');
  return { role: nextRole, orgId: nextOrg };
}

/** Text fit for a message: control characters shown as '?', at most 80 characters. */
export function printable(text: string): string {
  const clean = text.replace(/\p{Cc}/gu, '?');
  return clean.length > 80 ? `${clean.slice(0, 79)}…` : clean;
}
