import type { SatelliteView } from '@taskomatic/shared/ipc';
import { useState, type FormEvent } from 'react';
import { Empty } from '../../components/panel-state';
import { SatelliteBadge, statusWords } from '../../components/satellite-badge';
import { TimeText } from '../../components/time-text';
import { formatDuration } from '../../lib/time-format';
import { useKeyringReason } from '../../lib/use-keyring-reason';
import { useSatellitesStore } from '../../stores/satellites-store';
import { useToastsStore } from '../../stores/toasts-store';
import { SatelliteForm } from './satellite-form';

/** The satellites the app manages: add, edit, test, log in again, remove. */
export function SatellitesScreen() {
  const satellites = useSatellitesStore((state) => state.satellites);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | undefined>();
  const keyringReason = useKeyringReason();
  const store = useSatellitesStore.getState();
  const toast = useToastsStore((state) => state.show);

  return (
    <div className="screen" data-screen="satellites">
      <header className="screen__header">
        <h1>Satellites</h1>
        {!adding && satellites.length > 0 && (
          <button type="button" className="primary" onClick={() => setAdding(true)}>
            Add satellite
          </button>
        )}
      </header>
      {(adding || satellites.length === 0) && (
        <section className="card">
          <h2>Add a satellite</h2>
          <SatelliteForm
            taken={satellites.length}
            keyringReason={keyringReason}
            onSave={async (draft) => {
              const view = await store.add(draft);
              setAdding(false);
              toast({ kind: 'success', text: `${view.name} added` });
            }}
            onCancel={satellites.length > 0 ? () => setAdding(false) : undefined}
          />
        </section>
      )}
      {satellites.length === 0 && !adding && <Empty title="No satellite yet">Add the first one above.</Empty>}
      <ul className="satellite-list">
        {satellites.map((satellite) => (
          <li key={satellite.id} className="card satellite-row" data-satellite-row={satellite.name}>
            {editing === satellite.id ? (
              <SatelliteForm
                existing={satellite}
                taken={satellites.length}
                keyringReason={keyringReason}
                onSave={async (draft) => {
                  await store.update(satellite.id, draft);
                  setEditing(undefined);
                }}
                onCancel={() => setEditing(undefined)}
              />
            ) : (
              <SatelliteSummary satellite={satellite} onEdit={() => setEditing(satellite.id)} onRemove={async () => {
                if (!window.confirm(`Remove ${satellite.name} from this app? Nothing changes on the satellite.`)) return;
                await store.remove(satellite.id);
              }} />
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

function SatelliteSummary({ satellite, onEdit, onRemove }: { satellite: SatelliteView; onEdit: () => void; onRemove: () => Promise<void> }) {
  const store = useSatellitesStore.getState();
  return (
    <div className="satellite-summary">
      <div className="satellite-summary__title">
        <SatelliteBadge satellite={satellite} dot />
        <span className={`connection connection--${satellite.status}`} data-connection={satellite.status}>
          {statusWords(satellite.status)}
        </span>
      </div>
      <dl className="facts">
        <dt>Address</dt>
        <dd>{satellite.url}</dd>
        <dt>User</dt>
        <dd>
          {satellite.username}
          {satellite.identity && ` (${satellite.identity.role === 'sat-admin' ? 'satellite admin' : `org admin of ${satellite.identity.org ?? '?'}`})`}
        </dd>
        {satellite.trustedFingerprint && (
          <>
            <dt>Certificate</dt>
            <dd>
              <code className="fingerprint__value">{satellite.trustedFingerprint}</code>
            </dd>
          </>
        )}
        {satellite.health && (
          <>
            <dt>Server</dt>
            <dd>
              Taskomatic {satellite.health.version}, up {formatDuration(satellite.health.uptimeSeconds * 1000)}, clock {satellite.health.clockSkewMs >= 0 ? '+' : ''}
              {formatDuration(Math.abs(satellite.health.clockSkewMs))} from mine, zone {satellite.timeZone ?? 'unknown'}
            </dd>
          </>
        )}
        {satellite.latencyMs !== undefined && (
          <>
            <dt>Latency</dt>
            <dd>{satellite.latencyMs} ms</dd>
          </>
        )}
        <dt>Last answer</dt>
        <dd>
          <TimeText date={satellite.lastSeen} satellite={satellite} style="time" relative />
        </dd>
      </dl>
      {satellite.statusReason && <p className="notice notice--warning">{satellite.statusReason}</p>}
      {satellite.status === 'expired' && <LoginAgain satellite={satellite} />}
      <div className="form-actions">
        <button type="button" onClick={() => void store.refresh(satellite.id)}>
          Check now
        </button>
        <button type="button" onClick={onEdit}>
          Edit
        </button>
        <button type="button" className="danger" onClick={() => void onRemove()}>
          Remove
        </button>
      </div>
    </div>
  );
}

function LoginAgain({ satellite }: { satellite: SatelliteView }) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();
  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      await useSatellitesStore.getState().login(satellite.id, password);
      setPassword('');
      setError(undefined);
    } catch (caught) {
      setError((caught as Error).message);
    }
  }
  return (
    <form className="inline-form" onSubmit={(event) => void submit(event)} aria-label={`Log in to ${satellite.name}`}>
      <label>
        Password for {satellite.username}
        <input type="password" value={password} onChange={(event) => setPassword(event.target.value)} required />
      </label>
      <button type="submit" className="primary">
        Log in
      </button>
      {error && <span className="notice notice--error">{error}</span>}
    </form>
  );
}
