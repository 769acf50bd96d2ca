import type { OrgInfo } from '@taskomatic/shared';
import type { SelectHTMLAttributes } from 'react';

/** The org an org admin belongs to: a select of the satellite's orgs, with "Pick an org" while none is chosen. */
export function OrgSelect({ orgs, value, onPick, ...attributes }: { orgs: ReadonlyArray<OrgInfo>; value: string; onPick: (orgId: string) => void } & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'>) {
  return (
    <select {...attributes} value={value} onChange={(event) => onPick(event.target.value)}>
      <option value="">Pick an org</option>
      {orgs.map((org) => (
        <option key={org.id} value={org.id}>
          {org.name}
        </option>
      ))}
    </select>
  );
}
