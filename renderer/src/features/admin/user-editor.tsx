import type { OrgInfo, UserInfo } from '@taskomatic/shared';
import { useState, type FormEvent } from 'react';
import { OrgSelect } from './org-select';
import { MIN_PASSWORD, orgProblem, passwordProblem, type UserRole } from './user-model';

/** What users.update may change (besides the id). */
export interface UserChange {
  readonly role?: UserRole;
  readonly orgId?: number;
  readonly password?: string;
  readonly disabled?: boolean;
}

/** Inline editing of a user's row: role and org, or a new password. */
export function UserEditor({ user, orgs, mode, busy, onApply, onCancel }: { user: UserInfo; orgs: ReadonlyArray<OrgInfo>; mode: 'edit' | 'password'; busy: boolean; onApply: (change: UserChange, done: string) => void; onCancel: () => void }) {
  const [role, setRole] = useState<UserRole>(user.role);
  const [orgId, setOrgId] = useState(user.orgId === undefined ? '' : String(user.orgId));
  const [password, setPassword] = useState('');
  const [tried, setTried] = useState(false);
  const problem = mode === 'password' ? passwordProblem(password) : orgProblem(role, orgId);

  function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (problem) return;
    if (mode === 'password') onApply({ password }, `Password of ${user.username} changed: their sessions ended`);
    else onApply({ role, ...(role === 'org-admin' ? { orgId: Number(orgId) } : {}) }, `${user.username} is now ${role === 'sat-admin' ? 'a satellite admin' : `an org admin of ${orgs.find((org) => String(org.id) === orgId)?.name ?? orgId}`}`);
  }

  return (
    <form className="inline-form user-editor" onSubmit={submit} noValidate aria-label={mode === 'password' ? `New password for ${user.username}` : `Role of ${user.username}`}>
      {mode === 'password' ? (
        <label>
          New password (at least {MIN_PASSWORD} characters)
          <input type="password" value={password} autoFocus autoComplete="new-password" onChange={(event) => setPassword(event.target.value)} />
        </label>
      ) : (
        <>
          <label>
            Role
            <select value={role} onChange={(event) => setRole(event.target.value as UserRole)}>
              <option value="sat-admin">Satellite admin</option>
              <option value="org-admin">Org admin</option>
            </select>
          </label>
          {role === 'org-admin' && (
            <label>
              Org
              <OrgSelect orgs={orgs} value={orgId} onPick={setOrgId} />
            </label>
          )}
        </>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? 'Saving…' : 'Save'}
      </button>
      <button type="button" onClick={onCancel} disabled={busy}>
        Cancel
      </button>
      {(tried || (mode === 'password' && password !== '')) && problem && <span className="field-error">{problem}</span>}
    </form>
  );
}
