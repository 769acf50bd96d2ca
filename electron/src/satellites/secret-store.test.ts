import { describe, expect, it } from 'vitest';
import { memoryOnlySecrets } from './secret-store.js';

describe('the secret store without a keyring', () => {
  it('seals nothing, so nothing can be written, and says why', () => {
    const secrets = memoryOnlySecrets('No keyring is running');
    expect(secrets.info).toEqual({ available: false, reason: 'No keyring is running' });
    expect(secrets.seal('password-1234')).toBeUndefined();
    expect(() => secrets.open('anything')).toThrow('no keyring: saved passwords cannot be opened');
  });
});
