import { describe, expect, it } from 'vitest';
import { IpcError } from '@taskomatic/shared/ipc';
import { checkDraft } from './satellite-draft.js';

const FINGERPRINT = Array.from({ length: 32 }, (_, index) => index.toString(16).padStart(2, '0')).join(':');
const GOOD = { name: ' sat-1 ', url: ' https://sat-1.example.com:2829 ', username: ' admin ', password: ' secret ', colour: '#3B82F6', glyph: '▲' };

/** The message of the `invalid` error a draft gets. */
function refusal(value: unknown, taken: ReadonlyArray<string> = []): string {
  try {
    checkDraft(value, taken);
  } catch (error) {
    expect(error).toBeInstanceOf(IpcError);
    expect((error as IpcError).info.kind).toBe('invalid');
    return (error as IpcError).message;
  }
  throw new Error('the draft was accepted');
}

describe('checking a satellite draft from the renderer', () => {
  it('returns a clean copy: trimmed, colour and fingerprint in one case, unknown fields dropped', () => {
    expect(checkDraft({ ...GOOD, trustedFingerprint: ` ${FINGERPRINT} `, sessionKey: 'x', sealedPassword: 'y' }, ['sat-2'])).toEqual({
      name: 'sat-1',
      url: 'https://sat-1.example.com:2829',
      username: 'admin',
      // A password is taken as typed: spaces can be part of it.
      password: ' secret ',
      colour: '#3b82f6',
      glyph: '▲',
      trustedFingerprint: FINGERPRINT.toUpperCase(),
    });
  });

  it('takes an empty password or fingerprint as none', () => {
    const draft = checkDraft({ ...GOOD, password: '', trustedFingerprint: '' }, []);
    expect(draft).not.toHaveProperty('password');
    expect(draft).not.toHaveProperty('trustedFingerprint');
    expect(checkDraft({ ...GOOD, url: 'http://127.0.0.1:2829', password: undefined }, [])).not.toHaveProperty('password');
  });

  it('names the field and says what is wrong with it', () => {
    const cases: Array<[draft: unknown, message: string]> = [
      [null, 'name: a satellite needs a name'],
      ['sat-1', 'name: a satellite needs a name'],
      [{ ...GOOD, name: '   ' }, 'name: a satellite needs a name'],
      [{ ...GOOD, name: 42 }, 'name: must be text'],
      [{ ...GOOD, name: 'x'.repeat(61) }, 'name: is longer than 60 characters'],
      [{ ...GOOD, name: 'SAT-2' }, 'name: another satellite is already called SAT-2'],
      [{ ...GOOD, url: '' }, 'url: an empty address is not an http:// or https:// address'],
      [{ ...GOOD, url: 'sat-1.example.com' }, 'url: sat-1.example.com is not an http:// or https:// address'],
      [{ ...GOOD, url: 'file:///etc/passwd' }, 'url: file:///etc/passwd is not an http:// or https:// address'],
      [{ ...GOOD, url: 'https://admin:secret@sat-1.example.com' }, 'url: leave the user name and password out of the address; type them in their own fields'],
      [{ ...GOOD, username: '' }, 'username: a user name is needed to log in'],
      [{ ...GOOD, colour: 'blue' }, 'colour: blue is not a colour like #3b82f6'],
      [{ ...GOOD, colour: '' }, 'colour: nothing is not a colour like #3b82f6'],
      [{ ...GOOD, colour: '#3b82f6ff' }, 'colour: is longer than 7 characters'],
      [{ ...GOOD, glyph: 'x' }, 'glyph: pick one of the offered glyphs'],
      [{ ...GOOD, password: 12345 }, 'password: must be text'],
      [{ ...GOOD, password: 'p'.repeat(1025) }, 'password: is longer than 1024 characters'],
      [{ ...GOOD, trustedFingerprint: 'AB:CD' }, 'trustedFingerprint: a SHA-256 fingerprint is 32 hex pairs separated by colons'],
      [{ ...GOOD, trustedFingerprint: FINGERPRINT.replaceAll(':', '') }, 'trustedFingerprint: a SHA-256 fingerprint is 32 hex pairs separated by colons'],
    ];
    for (const [draft, message] of cases) expect(refusal(draft, ['sat-2']), JSON.stringify(draft)).toBe(message);
  });
});
