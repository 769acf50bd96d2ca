import type { Kysely } from 'kysely';
import { serializable } from '../db/serializable.js';
import type { Tables } from '../db/tables.js';
import type { Clock } from '../engine/clock.js';
import { recordAudit } from '../services/audit.js';
import { AuthenticationError } from './authentication-error.js';
import type { Caller, UserRole } from './caller.js';
import { type LoginAttempt, type LoginThrottle, LoginThrottledError } from './login-throttle.js';
import { hashPassword, needsRehash, PASSWORD_MAX, unmatchableHash, verifyPassword } from './password.js';
import type { SessionStore } from './sessions.js';
import { requireAnotherSatAdmin, requireFreeOrgName, requireFreeUsername, requireGoodPassword, requireOrg, requireUser } from './user-checks.js';
import { countUsers, findLoginRow, listOrgViews, listUserViews, orgNamedLike, type OrgView, type UserView } from './user-queries.js';
import { checkOrgName, checkUsername, isValidUsername, printable, roleAndOrg } from './user-rules.js';

export interface AuthServiceDeps {
  readonly db: Kysely<Tables>;
  readonly clock: Clock;
  readonly sessions: SessionStore;
  readonly throttle: LoginThrottle;
}

export interface NewUser {
  readonly username: string;
  readonly password: string;
  readonly role: UserRole;
  /** The org of an org admin; absent or null for a satellite admin. */
  readonly orgId?: number | null;
}

/** Changes to a user; absent fields stay as they are. Making an org admin a satellite admin drops the org. */
export interface UserChanges {
  readonly password?: string;
  readonly role?: UserRole;
  readonly orgId?: number | null;
  readonly disabled?: boolean;
}

export interface LoginResult {
  /** The session key: every other API call takes it first. */
  readonly key: string;
  readonly caller: Caller;
}

/** Why a login was refused, for the audit trail only (the caller always gets the same answer). */
type RefusalReason = 'unknown user' | 'bad password' | 'disabled' | 'throttled';

/**
 * Logins, sessions, users and orgs. Every change is written with its audit record in one transaction; the
 * audit never holds a password or a hash. The last enabled satellite admin cannot be deleted, disabled or
 * demoted, so the satellite always has someone who can manage it.
 */
export class AuthService {
  readonly #deps: AuthServiceDeps;
  readonly #unmatchable = unmatchableHash();

  constructor(deps: AuthServiceDeps) {
    this.#deps = deps;
  }

  /**
   * Checks a user name and password and opens a session. Throws AuthenticationError (the same for an unknown
   * user, a wrong password and a disabled account; the audit trail records which) or LoginThrottledError.
   * `address` is the caller's network address (null when not over the network).
   */
  async login(username: string, password: string, address: string | null): Promise<LoginResult> {
    let attempt: LoginAttempt;
    try {
      attempt = await this.#deps.throttle.begin(username, address);
    } catch (error) {
      if (error instanceof LoginThrottledError) await this.#refused(username, address, null, 'throttled');
      throw error;
    }
    try {
      const user = isValidUsername(username) ? await findLoginRow(this.#deps.db, username) : null;
      // Unknown users cost the same hash as known ones; an overlong password is not worth hashing.
      const tooLong = password.length > 2 * PASSWORD_MAX;
      const matches = (await verifyPassword(tooLong ? '' : password, user?.passwordHash ?? this.#unmatchable)) && !tooLong;
      if (user === null || !matches || user.disabled) {
        attempt.failed();
        const reason = user === null ? 'unknown user' : !matches ? 'bad password' : 'disabled';
        await this.#refused(username, address, user?.id ?? null, reason);
        throw new AuthenticationError();
      }
      attempt.succeeded();
      if (needsRehash(user.passwordHash)) {
        // Parameters raised since this hash was made: store one with the current ones (not a change to audit),
        // unless the password was changed meanwhile.
        const rehashed = await hashPassword(password);
        await this.#deps.db
          .updateTable('users')
          .set({ password_hash: rehashed })
          .where('id', '=', user.id)
          .where('password_hash', '=', user.passwordHash)
          .execute();
      }
      const key = await this.#deps.sessions.createSession(user.id);
      const caller = await this.#deps.sessions.resolveSession(key);
      if (caller === null) throw new AuthenticationError(); // deleted or disabled in the meantime
      return { key, caller };
    } finally {
      attempt.end();
    }
  }

  /** Ends a session. Returns whether it existed. */
  logout(key: string): Promise<boolean> {
    return this.#deps.sessions.deleteSession(key);
  }

  /** Who a session key belongs to (sliding its expiry), or null: unknown, expired, malformed, user disabled. */
  resolve(key: string): Promise<Caller | null> {
    return this.#deps.sessions.resolveSession(key);
  }

  async listUsers(): Promise<UserView[]> {
    return listUserViews(this.#deps.db);
  }

  /** Whether any user exists at all. */
  async hasUsers(): Promise<boolean> {
    return (await countUsers(this.#deps.db)) > 0;
  }

  async getUser(id: number): Promise<UserView> {
    return requireUser(this.#deps.db, id);
  }

  async createUser(draft: NewUser, actor: string): Promise<UserView> {
    checkUsername(draft.username);
    requireGoodPassword(draft.password);
    const { role, orgId } = roleAndOrg(draft.role, draft.orgId ?? null);
    // Checked before the slow hash, and again in the transaction that writes.
    await requireFreeUsername(this.#deps.db, draft.username);
    const hash = await hashPassword(draft.password);
    const now = this.#deps.clock.now();
    const id = await serializable(this.#deps.db, async (trx) => {
      await requireFreeUsername(trx, draft.username);
      if (orgId !== null) await requireOrg(trx, orgId);
      const row = await trx
        .insertInto('users')
        .values({ username: draft.username, role, org_id: orgId, password_hash: hash, disabled: 0, created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      const created = await requireUser(trx, Number(row.id));
      await recordAudit(trx, { at: now, actor, action: 'user.create', targetType: 'user', targetId: created.id, before: null, after: audited(created) });
      return created.id;
    });
    return this.getUser(id);
  }

  /** Changes a user. A new password, or disabling, ends the user's sessions at once. */
  async updateUser(id: number, changes: UserChanges, actor: string): Promise<UserView> {
    if (changes.password !== undefined) requireGoodPassword(changes.password);
    const hash = changes.password === undefined ? undefined : await hashPassword(changes.password);
    const now = this.#deps.clock.now();
    await serializable(this.#deps.db, async (trx) => {
      const before = await requireUser(trx, id);
      const next = roleAndOrg(changes.role, changes.orgId, before);
      const disabled = changes.disabled ?? before.disabled;
      const unchanged = next.role === before.role && next.orgId === before.orgId && disabled === before.disabled;
      if (unchanged && hash === undefined) return;
      if (next.role !== 'sat-admin' || disabled) await requireAnotherSatAdmin(trx, before, disabled ? 'disable' : 'demote');
      if (next.orgId !== null && next.orgId !== before.orgId) await requireOrg(trx, next.orgId);
      await trx
        .updateTable('users')
        .set({ role: next.role, org_id: next.orgId, disabled: disabled ? 1 : 0, ...(hash === undefined ? {} : { password_hash: hash }) })
        .where('id', '=', id)
        .execute();
      if (hash !== undefined || (disabled && !before.disabled)) await this.#deps.sessions.deleteSessionsOfUser(id, trx);
      const after = await requireUser(trx, id);
      await recordAudit(trx, {
        at: now,
        actor,
        action: 'user.update',
        targetType: 'user',
        targetId: id,
        before: audited(before),
        after: { ...audited(after), ...(hash === undefined ? {} : { passwordChanged: true }) },
      });
    });
    // After the commit: the next use of any of the user's sessions reads the user again.
    this.#deps.sessions.forgetUser(id);
    return this.getUser(id);
  }

  /** Deletes a user and their sessions; the audit trail keeps their name. */
  async deleteUser(id: number, actor: string): Promise<void> {
    const now = this.#deps.clock.now();
    await serializable(this.#deps.db, async (trx) => {
      const before = await requireUser(trx, id);
      await requireAnotherSatAdmin(trx, before, 'delete');
      await this.#deps.sessions.deleteSessionsOfUser(id, trx);
      await trx.deleteFrom('users').where('id', '=', id).execute();
      await recordAudit(trx, { at: now, actor, action: 'user.delete', targetType: 'user', targetId: id, before: audited(before), after: null });
    });
    this.#deps.sessions.forgetUser(id);
  }

  async listOrgs(): Promise<OrgView[]> {
    return listOrgViews(this.#deps.db);
  }

  async getOrg(id: number): Promise<OrgView> {
    return requireOrg(this.#deps.db, id);
  }

  /** The org of that name, ignoring case, or null. */
  async findOrgByName(name: string): Promise<OrgView | null> {
    return orgNamedLike(this.#deps.db, name.trim());
  }

  async createOrg(name: string, actor: string): Promise<OrgView> {
    const clean = checkOrgName(name);
    const now = this.#deps.clock.now();
    return serializable(this.#deps.db, async (trx) => {
      await requireFreeOrgName(trx, clean, null);
      const row = await trx.insertInto('orgs').values({ name: clean, created_at: now }).returning('id').executeTakeFirstOrThrow();
      const org = await requireOrg(trx, Number(row.id));
      await recordAudit(trx, { at: now, actor, action: 'org.create', targetType: 'org', targetId: org.id, before: null, after: { name: org.name } });
      return org;
    });
  }

  async renameOrg(id: number, name: string, actor: string): Promise<OrgView> {
    const clean = checkOrgName(name);
    const now = this.#deps.clock.now();
    return serializable(this.#deps.db, async (trx) => {
      const before = await requireOrg(trx, id);
      if (before.name === clean) return before;
      await requireFreeOrgName(trx, clean, id);
      await trx.updateTable('orgs').set({ name: clean }).where('id', '=', id).execute();
      await recordAudit(trx, { at: now, actor, action: 'org.rename', targetType: 'org', targetId: id, before: { name: before.name }, after: { name: clean } });
      return requireOrg(trx, id);
    });
  }

  /** Records a refused login; `username` is what the caller typed, made printable and short. */
  async #refused(username: string, address: string | null, userId: number | null, reason: RefusalReason): Promise<void> {
    await recordAudit(this.#deps.db, {
      at: this.#deps.clock.now(),
      actor: printable(username) || '(empty)',
      action: 'auth.loginRefused',
      targetType: 'user',
      targetId: userId,
      before: null,
      after: { reason },
      address,
    });
  }
}

/** A user as the audit trail keeps it: no password, no hash. */
function audited(user: UserView) {
  return { username: user.username, role: user.role, orgId: user.orgId, org: user.org, disabled: user.disabled };
}
