import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureFirstAdmin, INITIAL_PASSWORD_FILE } from '../../src/auth/first-admin.js';
import { DomainError } from '../../src/services/domain-error.js';
import { type AuthFixture, authFixture, PASSWORD } from './auth-fixture.js';

let f: AuthFixture;

beforeEach(async () => {
  f = await authFixture();
});

afterEach(async () => {
  await f.dispose();
});

describe('ensureFirstAdmin', () => {
  it('creates admin with a generated password in a file only the server user can read', async () => {
    const result = await ensureFirstAdmin(f.auth, f.dir);
    const file = join(f.dir, INITIAL_PASSWORD_FILE);
    expect(result).toEqual({ created: true, username: 'admin', passwordFile: file });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const content = readFileSync(file, 'utf8');
    expect(content).toMatch(/^[A-Za-z0-9]{24}\n$/);
    const password = content.trim();
    const { caller } = await f.auth.login('admin', password, null);
    expect(caller).toMatchObject({ username: 'admin', role: 'sat-admin', orgId: null });
    const audit = await f.audit('user.create');
    expect(audit).toEqual([expect.objectContaining({ actor: 'installer', after: expect.objectContaining({ username: 'admin', role: 'sat-admin' }) })]);
    expect(JSON.stringify(audit)).not.toContain(password);
  });

  it('generates a different password each time', async () => {
    await ensureFirstAdmin(f.auth, f.dir);
    const first = readFileSync(join(f.dir, INITIAL_PASSWORD_FILE), 'utf8');
    const other = await authFixture();
    try {
      await ensureFirstAdmin(other.auth, other.dir);
      expect(readFileSync(join(other.dir, INITIAL_PASSWORD_FILE), 'utf8')).not.toBe(first);
    } finally {
      await other.dispose();
    }
  });

  it('uses the given password, writing no file', async () => {
    expect(await ensureFirstAdmin(f.auth, f.dir, { password: PASSWORD })).toEqual({ created: true, username: 'admin' });
    expect(existsSync(join(f.dir, INITIAL_PASSWORD_FILE))).toBe(false);
    await f.auth.login('admin', PASSWORD, null);
  });

  it('refuses a given password that breaks the rules', async () => {
    await expect(ensureFirstAdmin(f.auth, f.dir, { password: 'short' })).rejects.toBeInstanceOf(DomainError);
    expect(await f.auth.listUsers()).toEqual([]);
  });

  it('does nothing once any user exists, and does not touch an earlier password file', async () => {
    await ensureFirstAdmin(f.auth, f.dir);
    const file = join(f.dir, INITIAL_PASSWORD_FILE);
    const content = readFileSync(file, 'utf8');
    expect(await ensureFirstAdmin(f.auth, f.dir)).toEqual({ created: false, username: 'admin' });
    expect(readFileSync(file, 'utf8')).toBe(content);
    expect((await f.auth.listUsers()).map((u) => u.username)).toEqual(['admin']);
  });

  it('counts any user, not only satellite admins', async () => {
    const org = await f.auth.createOrg('Acme', 'cli');
    await f.auth.createUser({ username: 'alice', password: PASSWORD, role: 'org-admin', orgId: org.id }, 'cli');
    expect((await ensureFirstAdmin(f.auth, f.dir)).created).toBe(false);
  });

  it('replaces a stale password file left with a wider mode', async () => {
    const file = join(f.dir, INITIAL_PASSWORD_FILE);
    writeFileSync(file, 'stale\n', { mode: 0o644 });
    await ensureFirstAdmin(f.auth, f.dir);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).not.toBe('stale\n');
  });
});
