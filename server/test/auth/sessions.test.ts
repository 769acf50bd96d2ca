import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashKey } from '../../src/auth/sessions.js';
import { type AuthFixture, authFixture, PASSWORD } from './auth-fixture.js';

let f: AuthFixture;
let userId = 0;
const MINUTE = 60_000;

async function row(key: string) {
  return f.database.db.selectFrom('api_sessions').selectAll().where('key_hash', '=', hashKey(key)).executeTakeFirst();
}

beforeEach(async () => {
  f = await authFixture();
  await f.auth.createUser({ username: 'root', password: PASSWORD, role: 'sat-admin' }, 'test');
  const org = await f.auth.createOrg('Acme', 'test');
  userId = (await f.auth.createUser({ username: 'alice', password: PASSWORD, role: 'org-admin', orgId: org.id }, 'test')).id;
});

afterEach(async () => {
  await f.dispose();
});

describe('sessions', () => {
  it('hands out a random base64url key and stores only its SHA-256', async () => {
    const key = await f.sessions.createSession(userId);
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await f.database.db.selectFrom('api_sessions').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.key_hash).toBe(hashKey(key));
    expect(JSON.stringify(rows)).not.toContain(key);
    expect(rows[0]).toMatchObject({ user_id: userId, created_at: f.clock.now(), expires_at: f.clock.now() + 30 * MINUTE });
    expect(await f.sessions.createSession(userId)).not.toBe(key);
  });

  it('resolves a key to its caller', async () => {
    const key = await f.sessions.createSession(userId);
    const org = await f.auth.findOrgByName('acme');
    expect(await f.sessions.resolveSession(key)).toEqual({ userId, username: 'alice', role: 'org-admin', orgId: org?.id });
  });

  it('refuses unknown, forged and malformed keys', async () => {
    await f.sessions.createSession(userId);
    for (const key of ['', 'x', 'A'.repeat(43), 'A'.repeat(44), `${'A'.repeat(42)}=`, "' or 1=1 --"]) {
      expect(await f.sessions.resolveSession(key), key).toBeNull();
    }
  });

  it('expires after the idle time, and each use slides the expiry', async () => {
    const key = await f.sessions.createSession(userId);
    await f.clock.advance(29 * MINUTE);
    expect(await f.sessions.resolveSession(key)).not.toBeNull();
    await f.clock.advance(29 * MINUTE);
    expect(await f.sessions.resolveSession(key)).not.toBeNull();
    await f.clock.advance(30 * MINUTE - 1);
    expect(await f.sessions.resolveSession(key)).not.toBeNull();
    await f.clock.advance(30 * MINUTE);
    expect(await f.sessions.resolveSession(key)).toBeNull();
    // Also when the cache is cold: a new store over the same database.
    const other = await f.sessions.createSession(userId);
    await f.clock.advance(30 * MINUTE);
    expect(await f.sessions.resolveSession(other)).toBeNull();
  });

  it('follows a changed idle setting', async () => {
    const key = await f.sessions.createSession(userId);
    f.settings.session_idle_minutes = 5;
    await f.clock.advance(4 * MINUTE);
    expect(await f.sessions.resolveSession(key)).not.toBeNull();
    await f.clock.advance(5 * MINUTE);
    expect(await f.sessions.resolveSession(key)).toBeNull();
  });

  it('writes the last use at most once a minute, and the real expiry still holds across cache rechecks', async () => {
    const key = await f.sessions.createSession(userId);
    const created = f.clock.now();
    await f.clock.advance(30_000);
    await f.sessions.resolveSession(key);
    expect((await row(key))?.last_used_at).toBe(created);
    await f.clock.advance(30_000);
    await f.sessions.resolveSession(key);
    expect(await row(key)).toMatchObject({ last_used_at: created + MINUTE, expires_at: created + MINUTE + 30 * MINUTE });
    // Used 59 s after that write (not written), then idle: valid until that use + 30 min, though the row says less.
    await f.clock.advance(59_000);
    await f.sessions.resolveSession(key);
    expect((await row(key))?.last_used_at).toBe(created + MINUTE);
    await f.clock.advance(30 * MINUTE - 1);
    expect(await f.sessions.resolveSession(key)).not.toBeNull();
  });

  it('answers from memory between rechecks: a burst of calls costs no database write', async () => {
    const key = await f.sessions.createSession(userId);
    await f.sessions.resolveSession(key);
    const before = await row(key);
    for (let i = 0; i < 1000; i++) {
      await f.clock.advance(10);
      expect(await f.sessions.resolveSession(key)).not.toBeNull();
    }
    expect(await row(key)).toEqual(before);
  });

  it('ends a session on logout, at once', async () => {
    const key = await f.sessions.createSession(userId);
    const other = await f.sessions.createSession(userId);
    expect(await f.sessions.resolveSession(key)).not.toBeNull();
    expect(await f.auth.logout(key)).toBe(true);
    expect(await f.sessions.resolveSession(key)).toBeNull();
    expect(await row(key)).toBeUndefined();
    expect(await f.sessions.resolveSession(other)).not.toBeNull();
    expect(await f.auth.logout(key)).toBe(false);
    expect(await f.auth.logout('not a key')).toBe(false);
  });

  it('stops the sessions of a disabled user at once, though they were cached', async () => {
    const key = await f.sessions.createSession(userId);
    expect(await f.sessions.resolveSession(key)).not.toBeNull();
    await f.auth.updateUser(userId, { disabled: true }, 'test');
    expect(await f.sessions.resolveSession(key)).toBeNull();
    expect(await f.database.db.selectFrom('api_sessions').selectAll().execute()).toEqual([]);
    // Enabling the user again does not bring the old sessions back.
    await f.auth.updateUser(userId, { disabled: false }, 'test');
    expect(await f.sessions.resolveSession(key)).toBeNull();
  });

  it('ends the sessions of a deleted user, and of one given a new password', async () => {
    const key = await f.sessions.createSession(userId);
    const root = (await f.auth.listUsers()).find((u) => u.username === 'root');
    const rootKey = await f.sessions.createSession(root?.id ?? 0);
    await f.sessions.resolveSession(key);
    await f.sessions.resolveSession(rootKey);
    await f.auth.updateUser(root?.id ?? 0, { password: 'a brand new password' }, 'test');
    expect(await f.sessions.resolveSession(rootKey)).toBeNull();
    expect(await f.sessions.resolveSession(key)).not.toBeNull();
    await f.auth.deleteUser(userId, 'test');
    expect(await f.sessions.resolveSession(key)).toBeNull();
  });

  it('shows a changed role or org on the next call', async () => {
    const key = await f.sessions.createSession(userId);
    expect((await f.sessions.resolveSession(key))?.role).toBe('org-admin');
    await f.auth.updateUser(userId, { role: 'sat-admin' }, 'test');
    expect(await f.sessions.resolveSession(key)).toMatchObject({ role: 'sat-admin', orgId: null });
  });

  it('notices within the recheck time a session removed by another process', async () => {
    const key = await f.sessions.createSession(userId);
    await f.sessions.resolveSession(key);
    await f.database.db.deleteFrom('api_sessions').execute();
    await f.clock.advance(4999);
    expect(await f.sessions.resolveSession(key)).not.toBeNull();
    await f.clock.advance(1);
    expect(await f.sessions.resolveSession(key)).toBeNull();
  });

  it('a user disabled by another process loses their sessions within the recheck time', async () => {
    const key = await f.sessions.createSession(userId);
    await f.sessions.resolveSession(key);
    await f.database.db.updateTable('users').set({ disabled: 1 }).where('id', '=', userId).execute();
    await f.clock.advance(5000);
    expect(await f.sessions.resolveSession(key)).toBeNull();
  });

  it('does not cache a lookup that raced with a logout', async () => {
    const key = await f.sessions.createSession(userId);
    const resolving = f.sessions.resolveSession(key);
    await f.sessions.deleteSession(key);
    expect(await resolving).toBeNull();
    expect(await f.sessions.resolveSession(key)).toBeNull();
  });
});

describe('sessions beyond the memory bound', () => {
  it('keeps at most maxCached sessions in memory, writing out the uses of those it lets go', async () => {
    await f.dispose();
    f = await authFixture({ sessions: { maxCached: 10 } });
    const user = await f.auth.createUser({ username: 'root', password: PASSWORD, role: 'sat-admin' }, 'test');
    const keys: string[] = [];
    for (let i = 0; i < 30; i++) keys.push(await f.sessions.createSession(user.id));
    await f.clock.advance(30_000);
    for (const key of keys) expect(await f.sessions.resolveSession(key)).not.toBeNull();
    // The first ones were pushed out with their last use written: none ends early.
    const used = f.clock.now();
    expect((await row(keys[0] ?? ''))?.last_used_at).toBe(used);
    await f.clock.advance(30 * MINUTE - 1);
    for (const key of keys) expect(await f.sessions.resolveSession(key)).not.toBeNull();
  });
});
