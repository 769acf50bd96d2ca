import type { SatelliteView } from '@taskomatic/shared/ipc';
import { useState } from 'react';
import { Empty, ErrorState, Loading } from '../../components/panel-state';
import { useAdminStore } from '../../stores/admin-store';
import { isReachable } from '../../stores/satellites-store';
import { UserCreateForm } from './user-create-form';
import { UserRow } from './user-row';

/** The satellite's users: who may log in, as what, in which org; add, change, disable, reset, delete. */
export function UsersTab({ satellite }: { satellite: SatelliteView }) {
  const users = useAdminStore((state) => state.users[satellite.id]);
  const orgs = useAdminStore((state) => state.orgs[satellite.id]?.data) ?? [];
  const [adding, setAdding] = useState(false);
  const writable = isReachable(satellite);
  const retry = () => void useAdminStore.getState().loadUsers(satellite.id);

  if (!users?.data) {
    if (users?.status === 'error') return <ErrorState title={`Could not read the users of ${satellite.name}`} message={users.error?.message ?? ''} onRetry={retry} />;
    return <Loading what="users" />;
  }
  const sorted = [...users.data].sort((a, b) => a.username.localeCompare(b.username));
  return (
    <div className="admin-section">
      <div className="admin-section__bar">
        <span className="muted">
          {users.data.length} user{users.data.length === 1 ? '' : 's'} · {users.data.filter((user) => user.role === 'sat-admin' && !user.disabled).length} enabled satellite admin(s)
        </span>
        {!adding && (
          <button type="button" className="primary" onClick={() => setAdding(true)} disabled={!writable}>
            Add user
          </button>
        )}
      </div>
      {users.status === 'error' && <p className="notice notice--warning">Could not read them again: {users.error?.message}</p>}
      {adding && <UserCreateForm satellite={satellite} orgs={orgs} onDone={() => setAdding(false)} />}
      {sorted.length === 0 ? (
        <Empty title="No users">Add one above.</Empty>
      ) : (
        <table className="data" data-testid="users-table">
          <thead>
            <tr>
              <th>User</th>
              <th>Role</th>
              <th>Org</th>
              <th>Status</th>
              <th>Created</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {sorted.map((user) => (
              <UserRow key={user.id} satellite={satellite} user={user} orgs={orgs} writable={writable} />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
