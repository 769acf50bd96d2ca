import type { OrgInfo } from '@taskomatic/shared';
import type { SatelliteView } from '@taskomatic/shared/ipc';
import { errorInfoOf } from '@taskomatic/shared/ipc';
import { useState, type FormEvent } from 'react';
import { useAdminStore } from '../../stores/admin-store';
import { useToastsStore } from '../../stores/toasts-store';
import { OrgSelect } from './org-select';
import { checkNewUser, createRequest, MIN_PASSWORD, type UserDraft, type UserRole } from './user-model';

/** A new user: name, first password, role and (for an org admin) org; checked as typed, refused reasons shown. */
export function UserCreateForm({ satellite, orgs, onDone }: { satellite: SatelliteView; orgs: ReadonlyArray<OrgInfo>; onDone: () => void }) {
  const [draft, setDraft] = useState<UserDraft>({ username: '', password: '', role: 'org-admin', orgId: orgs.length === 1 ? String(orgs[0]?.id) : '' });
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | undefined>();
  const errors = checkNewUser(draft);
  const shown = (field: keyof UserDraft) => (tried || draft[field] !== '' ? errors[field] : undefined);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (Object.keys(errors).length > 0) return;
    setBusy(true);
    setRefusal(undefined);
    try {
      const user = await useAdminStore.getState().createUser(satellite.id, createRequest(draft));
      useToastsStore.getState().show({ kind: 'success', text: `${user.username} added to ${satellite.name}` });
      onDone();
    } catch (error) {
      setRefusal(errorInfoOf(error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card admin-form" onSubmit={(event) => void submit(event)} aria-label="Add user" noValidate data-testid="user-create-form">
      <h2>Add a user to {satellite.name}</h2>
      <div className="form-grid">
        <label>
          User name
          <input name="username" value={draft.username} autoFocus autoComplete="off" onChange={(event) => setDraft({ ...draft, username: event.target.value.trim() })} aria-invalid={shown('username') ? 'true' : 'false'} />
          {shown('username') && <span className="field-error">{shown('username')}</span>}
        </label>
        <label>
          Password (at least {MIN_PASSWORD} characters)
          <input name="password" type="password" value={draft.password} autoComplete="new-password" onChange={(event) => setDraft({ ...draft, password: event.target.value })} aria-invalid={shown('password') ? 'true' : 'false'} />
          {shown('password') && <span className="field-error">{shown('password')}</span>}
        </label>
        <label>
          Role
          <select name="role" value={draft.role} onChange={(event) => setDraft({ ...draft, role: event.target.value as UserRole, orgId: event.target.value === 'sat-admin' ? '' : draft.orgId })}>
            <option value="org-admin">Org admin: one org's schedules, runs and logs</option>
            <option value="sat-admin">Satellite admin: everything</option>
          </select>
        </label>
        {draft.role === 'org-admin' && (
          <label>
            Org
            <OrgSelect name="orgId" orgs={orgs} value={draft.orgId} onPick={(orgId) => setDraft({ ...draft, orgId })} aria-invalid={shown('orgId') ? 'true' : 'false'} />
            {tried && errors.orgId && <span className="field-error">{errors.orgId}</span>}
            {orgs.length === 0 && <span className="muted">No org yet: create one in the Orgs tab.</span>}
          </label>
        )}
      </div>
      {refusal && (
        <p className="notice notice--error" role="alert">
          {refusal}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Adding…' : 'Add user'}
        </button>
        <button type="button" onClick={onDone} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
