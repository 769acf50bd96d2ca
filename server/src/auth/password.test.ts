import { describe, expect, it } from 'vitest';
import { CURRENT_PARAMS, hashPassword, needsRehash, PASSWORD_MAX, passwordProblem, unmatchableHash, verifyPassword } from './password.js';

describe('password hashing', () => {
  it('stores a self-describing scrypt hash with a random salt', async () => {
    const a = await hashPassword('correct horse battery staple');
    const b = await hashPassword('correct horse battery staple');
    expect(a).toMatch(/^scrypt\$16384\$8\$3\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('correct');
    expect(needsRehash(a)).toBe(false);
  });

  it('verifies the right password and refuses others', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
    expect(await verifyPassword('correct horse battery stapl', hash)).toBe(false);
    expect(await verifyPassword('Correct horse battery staple', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('keeps verifying hashes made with other parameters, and says they need a new hash', async () => {
    const old = await hashPassword('an older password hash', { N: 1024, r: 8, p: 1 });
    expect(old.startsWith('scrypt$1024$8$1$')).toBe(true);
    expect(await verifyPassword('an older password hash', old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
  });

  it('refuses unreadable or tampered hashes without computing them', async () => {
    const good = await hashPassword('correct horse battery staple');
    const [, , r, p, salt, hash] = good.split('$');
    for (const bad of ['', 'plain', 'bcrypt$x', `scrypt$1000$${r}$${p}$${salt}$${hash}`, `scrypt$${2 ** 30}$8$1$${salt}$${hash}`, `scrypt$16384$8$99$${salt}$${hash}`, `scrypt$16384$8$1$$${hash}`]) {
      expect(await verifyPassword('correct horse battery staple', bad), bad).toBe(false);
      expect(needsRehash(bad)).toBe(true);
    }
  });

  it('compares in Unicode NFC, so composed and decomposed accents match', async () => {
    const hash = await hashPassword('mot de passe ça va très bien'.normalize('NFD'));
    expect(await verifyPassword('mot de passe ça va très bien'.normalize('NFC'), hash)).toBe(true);
  });

  it('makes an unmatchable hash with the current cost (for unknown users)', async () => {
    const dummy = unmatchableHash();
    expect(dummy.startsWith(`scrypt$${CURRENT_PARAMS.N}$${CURRENT_PARAMS.r}$${CURRENT_PARAMS.p}$`)).toBe(true);
    expect(await verifyPassword('', dummy)).toBe(false);
    expect(await verifyPassword('anything at all really', dummy)).toBe(false);
  });

  it('takes a deliberate while (tens of milliseconds) to compute', async () => {
    await hashPassword('warm up the thread pool');
    const started = performance.now();
    await hashPassword('correct horse battery staple');
    const elapsed = performance.now() - started;
    // A lower bound only: a loaded machine can only make it slower. (About 85 ms on the reference machine.)
    expect(elapsed).toBeGreaterThan(20);
  });
});

describe('password rules', () => {
  it('accepts 12 to 1024 characters, spaces and any script included', () => {
    expect(passwordProblem('twelve chars')).toBeNull();
    expect(passwordProblem('x'.repeat(PASSWORD_MAX))).toBeNull();
    expect(passwordProblem('пароль пароль')).toBeNull();
    // Characters, not UTF-16 units: 12 emoji are 12 characters.
    expect(passwordProblem('🔑'.repeat(12))).toBeNull();
  });

  it('refuses short, overlong and control-character passwords, saying why', () => {
    expect(passwordProblem('')).toMatch(/at least 12 characters \(this one has 0\)/);
    expect(passwordProblem('eleven char')).toMatch(/at least 12/);
    expect(passwordProblem('🔑'.repeat(11))).toMatch(/this one has 11/);
    expect(passwordProblem('x'.repeat(PASSWORD_MAX + 1))).toMatch(/at most 1024/);
    for (const c of ['\n', '\r', '\t', '\0', '\x7f', '\x85']) {
      expect(passwordProblem(`long enough password${c}`), JSON.stringify(c)).toMatch(/control characters/);
    }
    expect(passwordProblem('long enough password\uD800')).toMatch(/control characters/);
  });
});
