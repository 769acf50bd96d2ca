import { safeStorage } from 'electron';
import { memoryOnlySecrets, type SecretStore } from './secret-store.js';

/**
 * Passwords sealed by the OS keyring through Electron's `safeStorage` (Keychain, DPAPI, libsecret/kwallet).
 * On Linux without a keyring Electron falls back to a hard-coded key (`basic_text`): that is plain text in all
 * but name, so the app refuses it and keeps passwords in memory only.
 */
export function safeStorageSecrets(): SecretStore {
  if (!safeStorage.isEncryptionAvailable()) return memoryOnlySecrets('The OS offers no keyring: passwords are kept only until the app quits');
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
    return memoryOnlySecrets('No keyring (GNOME Keyring or KWallet) is running: passwords are kept only until the app quits');
  }
  return {
    info: { available: true },
    seal: (plain) => safeStorage.encryptString(plain).toString('base64'),
    open: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
  };
}
