import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuthenticationError } from '../../src/auth/authentication-error.js';
import { LoginThrottledError } from '../../src/auth/login-throttle.js';
import { hashPassword } from '../../src/auth/password.js';
import { type AuthFixture, authFixture, PASSWORD } from './auth-fixture.js';

let f: AuthFixture;

beforeEach(async () => {
  f = await authFixture();
  await f.auth.createUser({ username: 'root', password: PASSWORD, role: 'sat-admin' }, 'test');
});

afterEach(async () => {
  await f.dispose();
});

/** The error a login ends with, or null when it succeeded. */
async function loginError(username: string, password: string, address: string | null = '192.0.2.1'): Promise<Error | null> {
  try {
    await f.auth.login(username, password, address);
    return null;
  } catch (error) {
    return error as Error;
  }
}

describe('login', () => {
  it('opens a session whose key resolves to the user', async () => {
    const { key, caller } = await f.auth.login('root', PASSWORD, '192.0.2.1');
    expect(caller).toMatchObject({ username: 'root', role: 'sat-admin', orgId: null });
    expect(await f.auth.resolve(key)).toEqual(caller);
    await f.auth.logout(key);
    expect(await f.auth.resolve(key)).toBeNull();
  });

  it('gives one generic answer for an unknown user, a wrong password and a disabled account, and audits which it was', async () => {
    const org = await f.auth.createOrg('Acme', 'test');
    const bob = await f.auth.createUser({ username: 'bob', password: PASSWORD, role: 'org-admin', orgId: org.id }, 'test');
    await f.auth.updateUser(bob.id, { disabled: true }, 'test');
    const errors = [await loginError('nobody', PASSWORD), await loginError('root', 'not the password'), await loginError('bob', PASSWORD, '2001:db8::1')];
    for (const error of errors) {
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(error?.message).toBe('Invalid username or password');
    }
    const refused = await f.audit('auth.loginRefused');
    expect(refused).toEqual([
      { actor: 'nobody', action: 'auth.loginRefused', target_id: null, before: null, after: { reason: 'unknown user' }, address: '192.0.2.1' },
      { actor: 'root', action: 'auth.loginRefused', target_id: expect.any(String), before: null, after: { reason: 'bad password' }, address: '192.0.2.1' },
      { actor: 'bob', action: 'auth.loginRefused', target_id: String(bob.id), before: null, after: { reason: 'disabled' }, address: '2001:db8::1' },
    ]);
    expect(JSON.stringify(refused)).not.toContain('not the password');
  });

  it('hashes for an unknown user as for a known one (no user enumeration by timing)', async () => {
    // Without the dummy hash an unknown name is answered in about a millisecond; with it, like a known name,
    // after a full scrypt (tens of milliseconds on any machine). Lower bounds only: load can only add time.
    const time = async (username: string): Promise<number> => {
      const started = performance.now();
      await loginError(username, 'a wrong password', null);
      return performance.now() - started;
    };
    const fastest = async (names: string[]): Promise<number> => {
      let best = Infinity;
      for (const name of names) best = Math.min(best, await time(name));
      return best;
    };
    expect(await fastest(['root', 'root', 'root'])).toBeGreaterThan(15);
    expect(await fastest(['ghost1', 'ghost2', 'ghost3'])).toBeGreaterThan(15);
    // Invalid names are not looked up, but still hashed.
    expect(await fastest(['no such name, not even valid', '', 'x'.repeat(500)])).toBeGreaterThan(15);
  });

  it('refuses overlong or invalid input with the same generic answer', async () => {
    expect(await loginError('x'.repeat(10_000), PASSWORD)).toBeInstanceOf(AuthenticationError);
    expect(await loginError('root', 'p'.repeat(100_000))).toBeInstanceOf(AuthenticationError);
    expect(await loginError('', '')).toBeInstanceOf(AuthenticationError);
    const refused = await f.audit('auth.loginRefused');
    expect(refused.map((r) => r.actor)).toEqual([`${'x'.repeat(79)}…`, 'root', '(empty)']);
  });

  it('slows down repeated failures for a user, and lets the right password in after the wait', async () => {
    for (let i = 0; i < 5; i++) expect(await loginError('root', 'wrong password', `192.0.2.${i}`)).toBeInstanceOf(AuthenticationError);
    const throttled = await loginError('root', PASSWORD, '198.51.100.7');
    expect(throttled).toBeInstanceOf(LoginThrottledError);
    expect(throttled?.message).toBe('Too many failed logins; try again in 1 s');
    expect((throttled as LoginThrottledError).retryAfterSeconds).toBe(1);
    await f.clock.advance(1000);
    expect(await loginError('root', PASSWORD, '198.51.100.7')).toBeNull();
    // The success forgot the user's failures.
    expect(await loginError('root', 'wrong password', '198.51.100.8')).toBeInstanceOf(AuthenticationError);
    expect(await loginError('root', PASSWORD, '198.51.100.9')).toBeNull();
    const reasons = (await f.audit('auth.loginRefused')).map((r) => (r.after as { reason: string }).reason);
    expect(reasons).toEqual(['bad password', 'bad password', 'bad password', 'bad password', 'bad password', 'throttled', 'bad password']);
  });

  it('slows down repeated failures from one address, whatever the user names', async () => {
    for (let i = 0; i < 5; i++) await loginError(`guess${i}`, 'wrong password', '203.0.113.5');
    const throttled = await loginError('root', PASSWORD, '203.0.113.5');
    expect(throttled).toBeInstanceOf(LoginThrottledError);
    // root itself is not throttled from elsewhere.
    expect(await loginError('root', PASSWORD, '203.0.113.6')).toBeNull();
    const last = (await f.audit('auth.loginRefused')).at(-1);
    expect(last).toMatchObject({ actor: 'root', after: { reason: 'throttled' }, address: '203.0.113.5' });
  });

  it('throttles an unknown user name exactly like a known one', async () => {
    for (let i = 0; i < 5; i++) await loginError('ghost', 'wrong password', `192.0.2.${i}`);
    expect(await loginError('ghost', 'wrong password', '192.0.2.99')).toBeInstanceOf(LoginThrottledError);
  });

  it('stores a new hash when the stored one was made with older parameters', async () => {
    const weak = await hashPassword(PASSWORD, { N: 1024, r: 8, p: 1 });
    await f.database.db.updateTable('users').set({ password_hash: weak }).where('username', '=', 'root').execute();
    await f.auth.login('root', PASSWORD, null);
    const row = await f.database.db.selectFrom('users').select('password_hash').where('username', '=', 'root').executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$16384\$8\$3\$/);
    await f.auth.login('root', PASSWORD, null);
  });
});
