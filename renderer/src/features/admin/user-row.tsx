import type { OrgInfo, UserInfo } from '@taskomatic/shared';
import type { SatelliteView } from '@taskomatic/shared/ipc';
import { errorInfoOf } from '@taskomatic/shared/ipc';
import { useState } from 'react';
import { TimeText } from '../../components/time-text';
import { useAdminStore } from '../../stores/admin-store';
import { useToastsStore } from '../../stores/toasts-store';
import { UserEditor, type UserChange } from './user-editor';

type Mode = 'view' | 'edit' | 'password';

/** One user: what they are, and the changes a satellite admin can make (each refused reason shown on the row). */
export function UserRow({ satellite, user, orgs, writable }: { satellite: SatelliteView; user: UserInfo; orgs: ReadonlyArray<OrgInfo>; writable: boolean }) {
  const [mode, setMode] = useState<Mode>('view');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | undefined>();
  const you = satellite.identity?.username === user.username;

  async function apply(change: UserChange, done: string): Promise<boolean> {
    setBusy(true);
    setRefusal(undefined);
    try {
      await useAdminStore.getState().updateUser(satellite.id, { id: user.id, ...change });
      useToastsStore.getState().show({ kind: 'success', text: done });
      setMode('view');
      return true;
    } catch (error) {
      setRefusal(errorInfoOf(error).message);
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    if (!window.confirm(`Delete ${user.username} from ${satellite.name}? Their sessions end now; the audit trail keeps their name.`)) return;
    setBusy(true);
    setRefusal(undefined);
    try {
      await useAdminStore.getState().deleteUser(satellite.id, user.id);
      useToastsStore.getState().show({ kind: 'success', text: `${user.username} deleted from ${satellite.name}` });
    } catch (error) {
      setRefusal(errorInfoOf(error).message);
      setBusy(false);
    }
  }

  function toggleDisabled() {
    const disabling = !user.disabled;
    if (disabling && you && !window.confirm('Disable your own user? The app will be logged out of this satellite.')) return;
    void apply({ disabled: disabling }, `${user.username} ${disabling ? 'disabled: their sessions ended' : 'enabled'}`);
  }

  return (
    <tr data-user={user.username} className={user.disabled ? 'user-row--disabled' : undefined}>
      <td>
        <strong>{user.username}</strong>
        {you && <span className="muted"> (you)</span>}
      </td>
      {mode === 'view' ? (
        <>
          <td>{user.role === 'sat-admin' ? 'Satellite admin' : 'Org admin'}</td>
          <td>{user.org ?? (user.orgId !== undefined ? `org ${user.orgId}` : <span className="muted">—</span>)}</td>
        </>
      ) : (
        <td colSpan={2}>
          <UserEditor user={user} orgs={orgs} mode={mode} busy={busy} onApply={(change, done) => void apply(change, done)} onCancel={() => setMode('view')} />
        </td>
      )}
      <td data-testid="user-status">{user.disabled ? <span className="user-status user-status--disabled">Disabled</span> : <span className="user-status">Enabled</span>}</td>
      <td>
        <TimeText date={user.createdAt} satellite={satellite} style="date" />
      </td>
      <td>
        <div className="row-actions">
          {mode === 'view' && (
            <>
              <button type="button" onClick={() => setMode('edit')} disabled={busy || !writable}>
                Role / org
              </button>
              <button type="button" onClick={toggleDisabled} disabled={busy || !writable}>
                {user.disabled ? 'Enable' : 'Disable'}
              </button>
              <button type="button" onClick={() => setMode('password')} disabled={busy || !writable}>
                Reset password
              </button>
              <button type="button" className="danger" onClick={() => void remove()} disabled={busy || !writable}>
                Delete
              </button>
            </>
          )}
          {refusal && (
            <div className="notice notice--error row-refusal" role="alert">
              {refusal}
            </div>
          )}
        </div>
      </td>
    </tr>
  );
}
