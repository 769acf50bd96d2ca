import { SATELLITE_GLYPHS, type ConnectionTest, type SatelliteDraft, type SatelliteGlyph, type SatelliteView } from '@taskomatic/shared/ipc';
import { useState, type FormEvent } from 'react';
import { desktopApi } from '../../api';

const COLOURS = ['#2563eb', '#16a34a', '#d97706', '#db2777', '#7c3aed', '#0891b2', '#dc2626', '#4b5563'];

/** Add or edit a satellite: address, user, password, colour and glyph; test the connection; trust a certificate. */
export function SatelliteForm({ existing, taken, keyringReason, onSave, onCancel }: {
  existing?: SatelliteView;
  /** How many satellites exist, to pick a distinct colour and glyph for a new one. */
  taken: number;
  /** Why passwords cannot be saved, when they cannot. */
  keyringReason?: string;
  onSave: (draft: SatelliteDraft) => Promise<void>;
  onCancel?: () => void;
}) {
  const [name, setName] = useState(existing?.name ?? '');
  const [url, setUrl] = useState(existing?.url ?? 'https://');
  const [username, setUsername] = useState(existing?.username ?? '');
  const [password, setPassword] = useState('');
  const [colour, setColour] = useState(existing?.colour ?? COLOURS[taken % COLOURS.length] ?? '#2563eb');
  const [glyph, setGlyph] = useState<SatelliteGlyph>(existing?.glyph ?? SATELLITE_GLYPHS[taken % SATELLITE_GLYPHS.length] ?? '●');
  const [fingerprint, setFingerprint] = useState(existing?.trustedFingerprint);
  const [test, setTest] = useState<ConnectionTest | undefined>();
  const [busy, setBusy] = useState<'test' | 'save' | undefined>();
  const [error, setError] = useState<string | undefined>();

  const draft = (): SatelliteDraft => ({ name, url, username, colour, glyph, ...(password ? { password } : {}), ...(fingerprint ? { trustedFingerprint: fingerprint } : {}) });

  async function runTest() {
    setBusy('test');
    setError(undefined);
    try {
      setTest(await desktopApi().satellites.test(draft(), existing?.id));
    } catch (caught) {
      setError((caught as Error).message);
    } finally {
      setBusy(undefined);
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy('save');
    setError(undefined);
    try {
      await onSave(draft());
    } catch (caught) {
      setError((caught as Error).message);
    } finally {
      setBusy(undefined);
    }
  }

  const secure = url.startsWith('https://');
  return (
    <form className="satellite-form" onSubmit={(event) => void submit(event)} aria-label={existing ? `Edit ${existing.name}` : 'Add satellite'}>
      <div className="form-grid">
        <label>
          Name
          <input name="name" value={name} onChange={(event) => setName(event.target.value)} placeholder="sat-1" required maxLength={60} autoFocus={!existing} />
        </label>
        <label>
          Address
          <input name="url" value={url} onChange={(event) => setUrl(event.target.value)} placeholder="https://satellite.example.com:2829" required />
        </label>
        <label>
          User
          <input name="username" value={username} onChange={(event) => setUsername(event.target.value)} autoComplete="username" required />
        </label>
        <label>
          Password{existing?.passwordSaved ? ' (saved; type to change)' : ''}
          <input name="password" type="password" value={password} onChange={(event) => setPassword(event.target.value)} autoComplete="current-password" required={!existing} />
        </label>
      </div>
      {keyringReason && <p className="notice notice--warning">{keyringReason}</p>}
      <fieldset className="satellite-form__look">
        <legend>Colour and glyph (shown on every row of this satellite)</legend>
        <div className="swatches">
          {COLOURS.map((item) => (
            <button key={item} type="button" className={`swatch ${item === colour ? 'swatch--current' : ''}`} style={{ background: item }} aria-label={`colour ${item}`} aria-pressed={item === colour} onClick={() => setColour(item)} />
          ))}
        </div>
        <div className="glyphs">
          {SATELLITE_GLYPHS.map((item) => (
            <button key={item} type="button" className={`glyph ${item === glyph ? 'glyph--current' : ''}`} style={{ color: colour }} aria-label={`glyph ${item}`} aria-pressed={item === glyph} onClick={() => setGlyph(item)}>
              {item}
            </button>
          ))}
        </div>
      </fieldset>
      {secure && fingerprint && (
        <p className="fingerprint">
          Trusted certificate (SHA-256): <code>{fingerprint}</code>
        </p>
      )}
      <TestResult test={test} onTrust={(value) => {
        setFingerprint(value);
        setTest(undefined);
      }} />
      {error && (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="button" onClick={() => void runTest()} disabled={busy !== undefined}>
          {busy === 'test' ? 'Testing…' : 'Test connection'}
        </button>
        <button type="submit" className="primary" disabled={busy !== undefined}>
          {busy === 'save' ? 'Saving…' : existing ? 'Save' : 'Add satellite'}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

function TestResult({ test, onTrust }: { test: ConnectionTest | undefined; onTrust: (fingerprint: string) => void }) {
  if (!test) return null;
  if (test.ok) {
    return (
      <p className="notice notice--success" role="status" data-testid="connection-test">
        Connected to Taskomatic {test.version} as {test.identity.username} ({test.identity.role === 'sat-admin' ? 'satellite admin' : `org admin of ${test.identity.org ?? 'an org'}`}) in {test.latencyMs} ms.
      </p>
    );
  }
  if (test.problem === 'untrusted' && test.fingerprint) {
    return (
      <div className="notice notice--warning" role="alert" data-testid="connection-test">
        <p>
          This server presents a certificate that is not trusted yet. Compare its SHA-256 fingerprint with the one on the satellite (<code>openssl x509 -noout -fingerprint -sha256 -in cert.pem</code>):
        </p>
        <p>
          <code>{test.fingerprint}</code>
        </p>
        <button type="button" onClick={() => onTrust(test.fingerprint as string)}>
          Trust this certificate
        </button>
      </div>
    );
  }
  return (
    <p className="notice notice--error" role="alert" data-testid="connection-test">
      {test.problem === 'unreachable' ? 'Cannot reach the server: ' : test.problem === 'login' ? 'Cannot log in: ' : ''}
      {test.message}
    </p>
  );
}
