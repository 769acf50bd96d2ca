import { IpcError, SATELLITE_GLYPHS, type SatelliteDraft } from '@taskomatic/shared/ipc';
import { apiUrl } from './xmlrpc-client.js';

const FINGERPRINT = /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/;

/**
 * Checks a draft that came from the renderer (whatever it holds) and returns a clean copy, or throws an
 * `invalid` error naming the field.
 */
export function checkDraft(value: unknown, takenNames: ReadonlyArray<string>): SatelliteDraft {
  const draft = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const name = text(draft.name, 'name', 60).trim();
  if (name === '') throw invalid('name', 'a satellite needs a name');
  if (takenNames.some((taken) => taken.toLowerCase() === name.toLowerCase())) throw invalid('name', `another satellite is already called ${name}`);
  const url = text(draft.url, 'url', 500).trim();
  let parsed: URL;
  try {
    parsed = apiUrl(url);
  } catch {
    throw invalid('url', `${url || 'an empty address'} is not an http:// or https:// address`);
  }
  // It would be saved in plain text and sent as Basic authentication to the server.
  if (parsed.username !== '' || parsed.password !== '') throw invalid('url', 'leave the user name and password out of the address; type them in their own fields');
  const username = text(draft.username, 'username', 200).trim();
  if (username === '') throw invalid('username', 'a user name is needed to log in');
  const colour = text(draft.colour, 'colour', 7);
  if (!/^#[0-9a-fA-F]{6}$/.test(colour)) throw invalid('colour', `${colour || 'nothing'} is not a colour like #3b82f6`);
  const glyph = draft.glyph;
  if (!(SATELLITE_GLYPHS as ReadonlyArray<unknown>).includes(glyph)) throw invalid('glyph', 'pick one of the offered glyphs');
  const password = draft.password === undefined ? undefined : text(draft.password, 'password', 1024);
  // An empty field is no fingerprint, as an empty password is no password.
  const fingerprint = text(draft.trustedFingerprint, 'trustedFingerprint', 200).trim().toUpperCase() || undefined;
  if (fingerprint !== undefined && !FINGERPRINT.test(fingerprint)) throw invalid('trustedFingerprint', 'a SHA-256 fingerprint is 32 hex pairs separated by colons');
  return {
    name,
    url,
    username,
    colour: colour.toLowerCase(),
    glyph: glyph as SatelliteDraft['glyph'],
    ...(password !== undefined && password !== '' ? { password } : {}),
    ...(fingerprint ? { trustedFingerprint: fingerprint } : {}),
  };
}

function text(value: unknown, field: string, max: number): string {
  if (value === undefined) return '';
  if (typeof value !== 'string') throw invalid(field, 'must be text');
  if (value.length > max) throw invalid(field, `is longer than ${max} characters`);
  return value;
}

function invalid(field: string, message: string): IpcError {
  return new IpcError({ kind: 'invalid', message: `${field}: ${message}` });
}
