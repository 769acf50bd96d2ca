/**
 * A refused login. The message is the same whatever the reason (unknown user, wrong password, disabled
 * account), so a caller cannot learn which user names exist; the reason goes to the audit trail only.
 */
export class AuthenticationError extends Error {
  constructor() {
    super('Invalid username or password');
    this.name = 'AuthenticationError';
  }
}

