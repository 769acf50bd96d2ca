import { type Kysely, sql } from 'kysely';
import type { Tables } from '../db/tables.js';
import { isUserRole, type UserRole } from './caller.js';

/** A user as the service hands it out: never with the password hash. */
export interface UserView {
  readonly id: number;
  readonly username: string;
  readonly role: UserRole;
  /** null for a satellite admin. */
  readonly orgId: number | null;
  /** The org's name, null for a satellite admin. */
  readonly org: string | null;
  readonly disabled: boolean;
  readonly createdAt: number;
}

export interface OrgView {
  readonly id: number;
  readonly name: string;
  readonly createdAt: number;
}

/** What a login needs to know about a user name. */
export interface LoginRow {
  readonly id: number;
  readonly passwordHash: string;
  readonly disabled: boolean;
}

function userQuery(db: Kysely<Tables>) {
  return db
    .selectFrom('users')
    .leftJoin('orgs', 'orgs.id', 'users.org_id')
    .select(['users.id', 'users.username', 'users.role', 'users.org_id', 'users.disabled', 'users.created_at', 'orgs.name as org']);
}

type UserRow = Awaited<ReturnType<ReturnType<typeof userQuery>['executeTakeFirstOrThrow']>>;

function toView(row: UserRow): UserView {
  return Object.freeze({
    id: Number(row.id),
    username: row.username,
    // A role this build does not know (a hand-edited row) shows as the lesser one.
    role: isUserRole(row.role) ? row.role : 'org-admin',
    orgId: row.org_id === null ? null : Number(row.org_id),
    org: row.org ?? null,
    disabled: row.disabled !== 0,
    createdAt: Number(row.created_at),
  });
}

/** Every user, by name. */
export async function listUserViews(db: Kysely<Tables>): Promise<UserView[]> {
  const rows = await userQuery(db).orderBy('users.username').execute();
  return rows.map(toView);
}

export async function findUserView(db: Kysely<Tables>, id: number): Promise<UserView | null> {
  const row = await userQuery(db).where('users.id', '=', id).executeTakeFirst();
  return row === undefined ? null : toView(row);
}

export async function findLoginRow(db: Kysely<Tables>, username: string): Promise<LoginRow | null> {
  const row = await db.selectFrom('users').select(['id', 'password_hash', 'disabled']).where('username', '=', username).executeTakeFirst();
  return row === undefined ? null : { id: Number(row.id), passwordHash: row.password_hash, disabled: row.disabled !== 0 };
}

/** The user whose name equals `username` ignoring case (names differing only in case would be confusing). */
export async function userNamedLike(db: Kysely<Tables>, username: string): Promise<string | null> {
  const row = await db.selectFrom('users').select('username').where(sql<string>`lower(username)`, '=', username.toLowerCase()).executeTakeFirst();
  return row?.username ?? null;
}

/** Enabled satellite admins other than `exceptId`. */
export async function otherEnabledSatAdmins(db: Kysely<Tables>, exceptId: number): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'sat-admin')
    .where('disabled', '=', 0)
    .where('id', '!=', exceptId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countUsers(db: Kysely<Tables>): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Every org, by name. */
export async function listOrgViews(db: Kysely<Tables>): Promise<OrgView[]> {
  const rows = await db.selectFrom('orgs').select(['id', 'name', 'created_at']).orderBy('name').execute();
  return rows.map(orgView);
}

export async function findOrgView(db: Kysely<Tables>, id: number): Promise<OrgView | null> {
  const row = await db.selectFrom('orgs').select(['id', 'name', 'created_at']).where('id', '=', id).executeTakeFirst();
  return row === undefined ? null : orgView(row);
}

/**
 * The org whose name equals `name` ignoring case. Compared here rather than in SQL, whose lower() folds ASCII
 * only; a satellite has tens of orgs, not millions.
 */
export async function orgNamedLike(db: Kysely<Tables>, name: string): Promise<OrgView | null> {
  const folded = name.toLowerCase();
  return (await listOrgViews(db)).find((org) => org.name.toLowerCase() === folded) ?? null;
}

function orgView(row: { id: number; name: string; created_at: number }): OrgView {
  return Object.freeze({ id: Number(row.id), name: row.name, createdAt: Number(row.created_at) });
}
