import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/services/domain-error.js';
import { DIALECTS } from '../support/dialects.js';
import { type AuthFixture, authFixture, PASSWORD } from './auth-fixture.js';

let f: AuthFixture;
let acme = 0;

/** The DomainError a call ends with. */
async function refusal(call: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return { code: (error as DomainError).code, message: (error as DomainError).message };
}

const satAdmin = (username: string) => f.auth.createUser({ username, password: PASSWORD, role: 'sat-admin' }, 'test');

describe.each(DIALECTS)('users and orgs (%s)', (dialect) => {
  beforeEach(async () => {
    f = await authFixture({ dialect });
    acme = (await f.auth.createOrg('Acme', 'test')).id;
  });

  afterEach(async () => {
    await f.dispose();
  });

  describe('users', () => {
    it('creates users and lists them without password hashes', async () => {
      const root = await satAdmin('root');
      const alice = await f.auth.createUser({ username: 'alice@example.com', password: PASSWORD, role: 'org-admin', orgId: acme }, 'test');
      expect(root).toEqual({ id: root.id, username: 'root', role: 'sat-admin', orgId: null, org: null, disabled: false, createdAt: f.clock.now() });
      expect(alice).toMatchObject({ username: 'alice@example.com', role: 'org-admin', orgId: acme, org: 'Acme' });
      const listed = await f.auth.listUsers();
      expect(listed.map((u) => u.username)).toEqual(['alice@example.com', 'root']);
      expect(await f.auth.getUser(alice.id)).toEqual(alice);
      expect(JSON.stringify(listed)).not.toMatch(/scrypt|password|hash/i);
    });

    it('checks user names: 1-64 of letters, digits, . _ @ -, and unique ignoring case', async () => {
      for (const bad of ['', 'a b', 'x'.repeat(65), 'üser', 'a/b', 'a\nb']) {
        expect((await refusal(satAdmin(bad))).code, JSON.stringify(bad)).toBe('invalid-argument');
      }
      await satAdmin('x'.repeat(64));
      await satAdmin('Root.admin_1-@x');
      expect(await refusal(satAdmin('root.ADMIN_1-@x'))).toEqual({ code: 'conflict', message: 'User name root.ADMIN_1-@x is taken (by Root.admin_1-@x)' });
      expect((await refusal(satAdmin('Root.admin_1-@x'))).message).toBe('User name Root.admin_1-@x is taken');
    });

    it('checks the password rules', async () => {
      const short = await refusal(f.auth.createUser({ username: 'root', password: 'short', role: 'sat-admin' }, 'test'));
      expect(short).toEqual({ code: 'invalid-argument', message: 'A password needs at least 12 characters (this one has 5)' });
    });

    it('gives an org admin exactly one existing org, and a satellite admin none', async () => {
      expect(await refusal(f.auth.createUser({ username: 'a', password: PASSWORD, role: 'org-admin' }, 'test'))).toEqual({ code: 'invalid-argument', message: 'An org admin needs an org' });
      expect(await refusal(f.auth.createUser({ username: 'a', password: PASSWORD, role: 'org-admin', orgId: 999 }, 'test'))).toEqual({ code: 'not-found', message: 'No org with id 999' });
      expect((await refusal(f.auth.createUser({ username: 'a', password: PASSWORD, role: 'sat-admin', orgId: acme }, 'test'))).message).toMatch(/belongs to no org/);
      expect((await refusal(f.auth.createUser({ username: 'a', password: PASSWORD, role: 'root' as never }, 'test'))).message).toMatch(/not one of sat-admin, org-admin/);
      expect(await f.auth.listUsers()).toEqual([]);
    });

    it('changes role and org consistently', async () => {
      await satAdmin('root');
      const other = (await f.auth.createOrg('Other', 'test')).id;
      const alice = await f.auth.createUser({ username: 'alice', password: PASSWORD, role: 'org-admin', orgId: acme }, 'test');
      expect(await f.auth.updateUser(alice.id, { orgId: other }, 'test')).toMatchObject({ role: 'org-admin', orgId: other, org: 'Other' });
      // Promoting drops the org; demoting needs one.
      expect(await f.auth.updateUser(alice.id, { role: 'sat-admin' }, 'test')).toMatchObject({ role: 'sat-admin', orgId: null });
      expect((await refusal(f.auth.updateUser(alice.id, { role: 'org-admin' }, 'test'))).message).toBe('An org admin needs an org');
      expect(await f.auth.updateUser(alice.id, { role: 'org-admin', orgId: acme }, 'test')).toMatchObject({ role: 'org-admin', orgId: acme });
      expect((await refusal(f.auth.updateUser(alice.id, { orgId: null }, 'test'))).message).toBe('An org admin needs an org');
      expect((await refusal(f.auth.updateUser(alice.id, { orgId: 12345 }, 'test'))).code).toBe('not-found');
      expect((await refusal(f.auth.updateUser(4242, { disabled: true }, 'test'))).code).toBe('not-found');
      expect((await refusal(f.auth.deleteUser(4242, 'test'))).code).toBe('not-found');
    });

    it('never deletes, disables or demotes the last enabled satellite admin', async () => {
      const root = await satAdmin('root');
      const expectLast = async (call: Promise<unknown>, verb: string) => {
        expect(await refusal(call)).toEqual({
          code: 'conflict',
          message: `Cannot ${verb} root: it is the last enabled satellite admin; create or enable another one first`,
        });
      };
      await expectLast(f.auth.deleteUser(root.id, 'test'), 'delete');
      await expectLast(f.auth.updateUser(root.id, { disabled: true }, 'test'), 'disable');
      await expectLast(f.auth.updateUser(root.id, { role: 'org-admin', orgId: acme }, 'test'), 'demote');
      // A disabled second admin does not count.
      const second = await satAdmin('second');
      await f.auth.updateUser(second.id, { disabled: true }, 'test');
      await expectLast(f.auth.deleteUser(root.id, 'test'), 'delete');
      // An enabled one does: then root can go, and second is the last one.
      await f.auth.updateUser(second.id, { disabled: false }, 'test');
      await f.auth.updateUser(root.id, { disabled: true }, 'test');
      await f.auth.deleteUser(root.id, 'test');
      expect((await refusal(f.auth.deleteUser(second.id, 'test'))).code).toBe('conflict');
      expect((await f.auth.listUsers()).map((u) => u.username)).toEqual(['second']);
    });

    it('audits every change with before and after, never a password or hash', async () => {
      const root = await satAdmin('root');
      const alice = await f.auth.createUser({ username: 'alice', password: PASSWORD, role: 'org-admin', orgId: acme }, 'installer');
      await f.auth.updateUser(alice.id, { password: 'another good password', disabled: true }, 'root');
      await f.auth.updateUser(alice.id, { disabled: true }, 'root'); // nothing changes: nothing recorded
      await f.auth.deleteUser(alice.id, 'root');
      const audit = await f.audit();
      expect(audit.filter((a) => a.action.startsWith('user.'))).toEqual([
        { actor: 'test', action: 'user.create', target_id: String(root.id), before: null, after: { username: 'root', role: 'sat-admin', orgId: null, org: null, disabled: false }, address: null },
        { actor: 'installer', action: 'user.create', target_id: String(alice.id), before: null, after: { username: 'alice', role: 'org-admin', orgId: acme, org: 'Acme', disabled: false }, address: null },
        {
          actor: 'root',
          action: 'user.update',
          target_id: String(alice.id),
          before: { username: 'alice', role: 'org-admin', orgId: acme, org: 'Acme', disabled: false },
          after: { username: 'alice', role: 'org-admin', orgId: acme, org: 'Acme', disabled: true, passwordChanged: true },
          address: null,
        },
        { actor: 'root', action: 'user.delete', target_id: String(alice.id), before: { username: 'alice', role: 'org-admin', orgId: acme, org: 'Acme', disabled: true }, after: null, address: null },
      ]);
      const text = JSON.stringify(await f.database.db.selectFrom('audit_log').selectAll().execute());
      expect(text).not.toMatch(/scrypt|correct horse|another good password/);
    });

    it('keeps a satellite admin when the last two demote each other at the same moment', async () => {
      const a = await satAdmin('root-a');
      const b = await satAdmin('root-b');
      // Both look at the list first (with PostgreSQL, that also opens a connection for each of them).
      await Promise.all([f.auth.listUsers(), f.auth.listUsers()]);
      const demote = (id: number, actor: string) => f.auth.updateUser(id, { role: 'org-admin', orgId: acme }, actor);
      const results = await Promise.allSettled([demote(a.id, 'root-b'), demote(b.id, 'root-a')]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(refused?.reason).toBeInstanceOf(DomainError);
      expect((refused?.reason as DomainError).message).toMatch(/it is the last enabled satellite admin/);
      expect((await f.auth.listUsers()).filter((u) => u.role === 'sat-admin')).toHaveLength(1);
    });

    it('lets the new password in and the old one not', async () => {
      await satAdmin('root');
      const alice = await f.auth.createUser({ username: 'alice', password: PASSWORD, role: 'org-admin', orgId: acme }, 'test');
      await f.auth.updateUser(alice.id, { password: 'another good password' }, 'test');
      await expect(f.auth.login('alice', PASSWORD, null)).rejects.toThrow('Invalid username or password');
      await expect(f.auth.login('alice', 'another good password', null)).resolves.toMatchObject({ caller: { username: 'alice' } });
    });
  });

  describe('orgs', () => {
    it('creates, lists and renames orgs, names unique ignoring case, audited', async () => {
      const zeta = await f.auth.createOrg('  Zeta Corp ', 'root');
      expect(zeta).toEqual({ id: zeta.id, name: 'Zeta Corp', createdAt: f.clock.now() });
      expect((await f.auth.listOrgs()).map((o) => o.name)).toEqual(['Acme', 'Zeta Corp']);
      expect(await refusal(f.auth.createOrg('ACME', 'root'))).toEqual({ code: 'conflict', message: 'An org named Acme exists already' });
      expect(await refusal(f.auth.createOrg('Ärger', 'root').then(() => f.auth.createOrg('ärger', 'root')))).toMatchObject({ code: 'conflict' });
      expect((await refusal(f.auth.createOrg('   ', 'root'))).code).toBe('invalid-argument');
      expect((await refusal(f.auth.createOrg('a\tb', 'root'))).code).toBe('invalid-argument');
      expect((await refusal(f.auth.createOrg('x'.repeat(101), 'root'))).code).toBe('invalid-argument');
      expect(await f.auth.renameOrg(zeta.id, 'zeta corp', 'root')).toMatchObject({ name: 'zeta corp' });
      expect((await refusal(f.auth.renameOrg(zeta.id, 'acme', 'root'))).code).toBe('conflict');
      expect((await refusal(f.auth.renameOrg(999, 'New', 'root'))).code).toBe('not-found');
      expect(await f.auth.findOrgByName('ZETA CORP')).toMatchObject({ id: zeta.id });
      const audit = (await f.audit()).filter((a) => a.action.startsWith('org.') && a.target_id === String(zeta.id));
      expect(audit).toEqual([
        { actor: 'root', action: 'org.create', target_id: String(zeta.id), before: null, after: { name: 'Zeta Corp' }, address: null },
        { actor: 'root', action: 'org.rename', target_id: String(zeta.id), before: { name: 'Zeta Corp' }, after: { name: 'zeta corp' }, address: null },
      ]);
    });

    it('shows a renamed org on its users', async () => {
      const alice = await f.auth.createUser({ username: 'alice', password: PASSWORD, role: 'org-admin', orgId: acme }, 'test');
      await f.auth.renameOrg(acme, 'Acme Inc', 'test');
      expect((await f.auth.getUser(alice.id)).org).toBe('Acme Inc');
    });
  });
});
