import type { SatelliteView } from '@taskomatic/shared/ipc';
import { useEffect, useMemo, useState } from 'react';
import { desktopApi } from '../../api';
import { onSatelliteChanges } from '../../pushes';
import type { OrgNames } from './org-options';

/** Org names already read, per satellite: a satellite's orgs rarely change, so views and weeks reuse them. */
const known = new Map<string, ReadonlyMap<number, string>>();

/**
 * The org names of the shown satellites: a sat-admin's from `orgs.list`, an org admin's from its identity (it
 * sees only its own org). Read once per satellite and again when the changes feed reports an org change; a
 * satellite that does not answer simply keeps ids (the caller words them).
 */
export function useOrgNames(satellites: ReadonlyArray<SatelliteView>): OrgNames {
  const [names, setNames] = useState<OrgNames>(() => new Map(known));
  const wanted = satellites
    .filter((satellite) => satellite.identity?.role === 'sat-admin' && (satellite.status === 'connected' || satellite.status === 'slow'))
    .map((satellite) => satellite.id)
    .join(',');

  useEffect(() => {
    let alive = true;
    const read = (id: string) => {
      desktopApi()
        .call(id, 'orgs.list')
        .then((orgs) => {
          known.set(id, new Map(orgs.map((org) => [org.id, org.name])));
          if (alive) setNames(new Map(known));
        })
        .catch(() => undefined);
    };
    for (const id of wanted ? wanted.split(',') : []) if (!known.has(id)) read(id);
    const stop = onSatelliteChanges((id, changes, reset) => {
      if (wanted.split(',').includes(id) && (reset || changes.some((change) => change.kind === 'org'))) read(id);
    });
    return () => {
      alive = false;
      stop();
    };
  }, [wanted]);

  // An org admin's one org, from its identity; kept as a key so the result changes only when a name does.
  const ownOrgs = satellites
    .flatMap((satellite) => (satellite.identity?.role === 'org-admin' && satellite.identity.orgId !== undefined && satellite.identity.org ? [`${satellite.id}\u0000${satellite.identity.orgId}\u0000${satellite.identity.org}`] : []))
    .join('\u0001');
  return useMemo(() => {
    const result = new Map(names);
    for (const entry of ownOrgs ? ownOrgs.split('\u0001') : []) {
      const [id, orgId, org] = entry.split('\u0000') as [string, string, string];
      result.set(id, new Map([[Number(orgId), org]]));
    }
    return result;
  }, [names, ownOrgs]);
}
