import { describe, expect, it } from 'vitest';
import { checkNewUser, createRequest } from './user-model';

describe('a new user', () => {
  it('passes with a good name and password, an org admin with an org', () => {
    const draft = { username: 'ops@example.com', password: 'long-enough-1', role: 'org-admin' as const, orgId: '3' };
    expect(checkNewUser(draft)).toEqual({});
    expect(createRequest(draft)).toEqual({ username: 'ops@example.com', password: 'long-enough-1', role: 'org-admin', orgId: 3 });
  });

  it('says what is wrong, field by field', () => {
    expect(checkNewUser({ username: 'a b', password: 'short', role: 'org-admin', orgId: '' })).toEqual({
      username: expect.stringContaining('letters'),
      password: 'At least 12 characters (this one has 5)',
      orgId: 'An org admin needs an org',
    });
  });

  it('sends no org for a satellite admin', () => {
    expect(createRequest({ username: 'root2', password: 'long-enough-1', role: 'sat-admin', orgId: '3' })).toEqual({ username: 'root2', password: 'long-enough-1', role: 'sat-admin' });
  });
});
