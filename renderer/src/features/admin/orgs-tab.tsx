import type { OrgInfo } from '@taskomatic/shared';
import type { SatelliteView } from '@taskomatic/shared/ipc';
import { errorInfoOf } from '@taskomatic/shared/ipc';
import { useState, type FormEvent } from 'react';
import { Empty, ErrorState, Loading } from '../../components/panel-state';
import { TimeText } from '../../components/time-text';
import { useAdminStore } from '../../stores/admin-store';
import { isReachable } from '../../stores/satellites-store';
import { useToastsStore } from '../../stores/toasts-store';

/** The satellite's orgs (its tenants): create, rename; with how many users each has. */
export function OrgsTab({ satellite }: { satellite: SatelliteView }) {
  const orgs = useAdminStore((state) => state.orgs[satellite.id]);
  const users = useAdminStore((state) => state.users[satellite.id]?.data);
  const writable = isReachable(satellite);
  const retry = () => void useAdminStore.getState().loadOrgs(satellite.id);
  if (!orgs?.data) {
    if (orgs?.status === 'error') return <ErrorState title={`Could not read the orgs of ${satellite.name}`} message={orgs.error?.message ?? ''} onRetry={retry} />;
    return <Loading what="orgs" />;
  }
  const sorted = [...orgs.data].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <div className="admin-section">
      <NameForm
        label="New org"
        action="Create org"
        disabled={!writable}
        onSubmit={async (name) => {
          const org = await useAdminStore.getState().createOrg(satellite.id, name);
          useToastsStore.getState().show({ kind: 'success', text: `Org ${org.name} created on ${satellite.name}` });
        }}
      />
      {orgs.status === 'error' && <p className="notice notice--warning">Could not read them again: {orgs.error?.message}</p>}
      {sorted.length === 0 ? (
        <Empty title="No org yet">Work is satellite-level until an org exists; create one above to give org admins their own schedules.</Empty>
      ) : (
        <table className="data" data-testid="orgs-table">
          <thead>
            <tr>
              <th>Org</th>
              <th>Id</th>
              <th>Org admins</th>
              <th>Created</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {sorted.map((org) => (
              <OrgRow key={org.id} satellite={satellite} org={org} admins={users?.filter((user) => user.orgId === org.id).length} writable={writable} />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function OrgRow({ satellite, org, admins, writable }: { satellite: SatelliteView; org: OrgInfo; admins: number | undefined; writable: boolean }) {
  const [renaming, setRenaming] = useState(false);
  return (
    <tr data-org={org.name}>
      <td>
        {renaming ? (
          <NameForm
            label={`New name for ${org.name}`}
            action="Rename"
            initial={org.name}
            disabled={!writable}
            onCancel={() => setRenaming(false)}
            onSubmit={async (name) => {
              const renamed = await useAdminStore.getState().renameOrg(satellite.id, org.id, name);
              useToastsStore.getState().show({ kind: 'success', text: `${org.name} renamed to ${renamed.name}` });
              setRenaming(false);
            }}
          />
        ) : (
          <strong>{org.name}</strong>
        )}
      </td>
      <td>{org.id}</td>
      <td>{admins ?? '…'}</td>
      <td>
        <TimeText date={org.createdAt} satellite={satellite} style="date" />
      </td>
      <td>
        <div className="row-actions">
          {!renaming && (
            <button type="button" onClick={() => setRenaming(true)} disabled={!writable}>
              Rename
            </button>
          )}
        </div>
      </td>
    </tr>
  );
}

/** A one-field form for an org name (1 to 100 characters); the server's refusal shown beside it. */
function NameForm({ label, action, initial = '', disabled, onSubmit, onCancel }: { label: string; action: string; initial?: string; disabled: boolean; onSubmit: (name: string) => Promise<void>; onCancel?: () => void }) {
  const [name, setName] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | undefined>();
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (name.trim() === '') return setRefusal('An org needs a name');
    setBusy(true);
    setRefusal(undefined);
    try {
      await onSubmit(name.trim());
      if (!onCancel) setName('');
    } catch (error) {
      setRefusal(errorInfoOf(error).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="inline-form" onSubmit={(event) => void submit(event)} aria-label={label} noValidate>
      <label>
        {label}
        <input value={name} maxLength={100} onChange={(event) => setName(event.target.value)} autoFocus={Boolean(onCancel)} />
      </label>
      <button type="submit" className="primary" disabled={busy || disabled}>
        {busy ? 'Saving…' : action}
      </button>
      {onCancel && (
        <button type="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      )}
      {refusal && (
        <span className="notice notice--error" role="alert">
          {refusal}
        </span>
      )}
    </form>
  );
}
