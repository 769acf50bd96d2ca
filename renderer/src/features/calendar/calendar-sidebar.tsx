import { RUN_STATUSES, type RunStatus } from '@taskomatic/shared';
import type { SatelliteView } from '@taskomatic/shared/ipc';
import { SatelliteBadge } from '../../components/satellite-badge';
import { STATUS_LOOK } from '../../lib/status';
import type { CalendarFilter } from './calendar-filter';

/** Satellites to show, and filters by task or bunch, org and status. */
export function CalendarSidebar({ satellites, filter, orgs, onChange }: { satellites: ReadonlyArray<SatelliteView>; filter: CalendarFilter; orgs: ReadonlyArray<{ id: number; name: string }>; onChange: (filter: CalendarFilter) => void }) {
  const toggleSatellite = (id: string) => onChange({ ...filter, hidden: filter.hidden.includes(id) ? filter.hidden.filter((item) => item !== id) : [...filter.hidden, id] });
  const toggleStatus = (status: RunStatus) => onChange({ ...filter, statuses: filter.statuses.includes(status) ? filter.statuses.filter((item) => item !== status) : [...filter.statuses, status] });
  return (
    <aside className="calendar-sidebar" data-testid="calendar-sidebar">
      <h2>Satellites</h2>
      {satellites.map((satellite) => (
        <label key={satellite.id} className="calendar-sidebar__check">
          <input type="checkbox" checked={!filter.hidden.includes(satellite.id)} onChange={() => toggleSatellite(satellite.id)} data-testid="calendar-satellite-toggle" />
          <SatelliteBadge satellite={satellite} dot />
        </label>
      ))}
      <h2>Task or bunch</h2>
      <input type="search" value={filter.text} placeholder="repo-sync…" onChange={(event) => onChange({ ...filter, text: event.target.value })} data-testid="calendar-filter-text" />
      <h2>Org</h2>
      <select value={filter.org} onChange={(event) => onChange({ ...filter, org: event.target.value })} data-testid="calendar-filter-org">
        <option value="">All</option>
        <option value="satellite">Satellite-level work</option>
        {orgs.map((org) => (
          <option key={org.id} value={String(org.id)}>
            {org.name}
          </option>
        ))}
      </select>
      <h2>Status</h2>
      {RUN_STATUSES.map((status) => (
        <label key={status} className="calendar-sidebar__check">
          <input type="checkbox" checked={filter.statuses.includes(status)} onChange={() => toggleStatus(status)} />
          <span className={`status-badge ${STATUS_LOOK[status].className}`}>
            {STATUS_LOOK[status].icon} {STATUS_LOOK[status].label}
          </span>
        </label>
      ))}
    </aside>
  );
}
