import type { OrgInfo } from '@taskomatic/shared';
import type { ClientArgs, SatelliteIdentity } from '@taskomatic/shared/ipc';
import { SATELLITE_LEVEL, windowRange, type RunsFilter } from './runs-filter';

/** The filter struct of `runs.list`. */
export type RunsListFilter = ClientArgs<'runs.list'>[0];

/** Which runs of one satellite an org filter means: a scope to ask for, or none at all (and why). */
export type OrgScope = { readonly kind: 'scope'; readonly orgId?: number; readonly satelliteOnly?: boolean } | { readonly kind: 'none'; readonly why: string };

/**
 * Reads the org filter (a name, the same across satellites) for one satellite. Org admins see their own org
 * only, so another name, or satellite-level work, means nothing there. `orgs` is the satellite's `orgs.list`,
 * needed only for a satellite admin with an org filter.
 */
export function orgScopeOf(org: string | undefined, identity: SatelliteIdentity | undefined, orgs: ReadonlyArray<OrgInfo> | undefined): OrgScope {
  if (org === undefined) return { kind: 'scope' };
  if (identity?.role === 'org-admin') {
    if (org === SATELLITE_LEVEL) return { kind: 'none', why: 'org admins see no satellite-level runs' };
    return identity.org === org ? { kind: 'scope' } : { kind: 'none', why: `you see org ${identity.org ?? '?'} only` };
  }
  if (org === SATELLITE_LEVEL) return { kind: 'scope', satelliteOnly: true };
  const found = orgs?.find((item) => item.name === org);
  return found ? { kind: 'scope', orgId: found.id } : { kind: 'none', why: `no org named ${org}` };
}

/** True when reading the org filter on this satellite needs its org list first. */
export function needsOrgList(org: string | undefined, identity: SatelliteIdentity | undefined): boolean {
  return org !== undefined && org !== SATELLITE_LEVEL && identity?.role !== 'org-admin';
}

/** The `runs.list` filter for one satellite (without paging), from the app's filter at `now`. */
export function listFilterOf(filter: RunsFilter, scope: OrgScope & { readonly kind: 'scope' }, now: number): RunsListFilter {
  const range = windowRange(filter, now);
  return {
    ...(filter.task ? { task: filter.task } : {}),
    ...(filter.bunch ? { bunch: filter.bunch } : {}),
    ...(filter.schedule ? { scheduleId: filter.schedule.scheduleId } : {}),
    ...(scope.orgId !== undefined ? { orgId: scope.orgId } : {}),
    ...(scope.satelliteOnly ? { satelliteOnly: true } : {}),
    ...(filter.statuses.length > 0 ? { statuses: [...filter.statuses] } : {}),
    ...(range.from ? { from: range.from } : {}),
    ...(range.to ? { to: range.to } : {}),
  };
}
