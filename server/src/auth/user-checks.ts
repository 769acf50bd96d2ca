import type { Kysely } from 'kysely';
import type { Tables } from '../db/tables.js';
import { DomainError } from '../services/domain-error.js';
import { passwordProblem } from './password.js';
import { findOrgView, findUserView, orgNamedLike, otherEnabledSatAdmins, type OrgView, userNamedLike, type UserView } from './user-queries.js';

// The checks of the auth service against what is stored; each throws a DomainError that names the problem.

export function requireGoodPassword(password: string): void {
  const problem = passwordProblem(password);
  if (problem !== null) throw new DomainError('invalid-argument', problem);
}

export async function requireUser(db: Kysely<Tables>, id: number): Promise<UserView> {
  const user = await findUserView(db, id);
  if (user === null) throw new DomainError('not-found', `No user with id ${id}`);
  return user;
}

export async function requireOrg(db: Kysely<Tables>, id: number): Promise<OrgView> {
  const org = await findOrgView(db, id);
  if (org === null) throw new DomainError('not-found', `No org with id ${id}`);
  return org;
}

export async function requireFreeUsername(db: Kysely<Tables>, username: string): Promise<void> {
  const taken = await userNamedLike(db, username);
  if (taken !== null) throw new DomainError('conflict', `User name ${username} is taken${taken === username ? '' : ` (by ${taken})`}`);
}

export async function requireFreeOrgName(db: Kysely<Tables>, name: string, exceptId: number | null): Promise<void> {
  const other = await orgNamedLike(db, name);
  if (other !== null && other.id !== exceptId) throw new DomainError('conflict', `An org named ${other.name} exists already`);
}

/** Refuses to take away the last enabled satellite admin (nobody could manage the satellite any more). */
export async function requireAnotherSatAdmin(db: Kysely<Tables>, user: UserView, change: 'delete' | 'disable' | 'demote'): Promise<void> {
  if (user.role !== 'sat-admin' || user.disabled) return;
  if ((await otherEnabledSatAdmins(db, user.id)) > 0) return;
  throw new DomainError('conflict', `Cannot ${change} ${user.username}: it is the last enabled satellite admin; create or enable another one first`);
}
