import type { KeyringInfo } from '@taskomatic/shared/ipc';

/**
 * Where saved passwords are sealed. Electron's `safeStorage` when the OS offers a keyring; otherwise nothing
 * is sealed and passwords live only in memory until the app quits (never written in plain text).
 */
export interface SecretStore {
  readonly info: KeyringInfo;
  /** The sealed form to write to disk, or undefined when passwords cannot be kept. */
  seal(plain: string): string | undefined;
  /** The password a sealed form holds; throws when it cannot be opened (another user, a new keyring). */
  open(sealed: string): string;
}

/** No keyring: nothing is ever written; the reason is shown where a password is asked. */
export function memoryOnlySecrets(reason: string): SecretStore {
  return {
    info: { available: false, reason },
    seal: () => undefined,
    open: () => {
      throw new Error('no keyring: saved passwords cannot be opened');
    },
  };
}
