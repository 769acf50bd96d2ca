import type { SatelliteView } from '@taskomatic/shared/ipc';
import { Empty } from '../../components/panel-state';
import { SatelliteBadge } from '../../components/satellite-badge';
import { hashOf, useRouterStore } from '../../stores/router-store';
import { isReachable, useSatellitesStore } from '../../stores/satellites-store';
import { AuditTab } from './audit-tab';
import { OrgsTab } from './orgs-tab';
import { SettingsTab } from './settings-tab';
import { useAdminRefresh } from './use-admin-refresh';
import { UsersTab } from './users-tab';
import './admin.css';

export const ADMIN_TABS = [
  { id: 'settings', label: 'Settings' },
  { id: 'users', label: 'Users' },
  { id: 'orgs', label: 'Orgs' },
  { id: 'audit', label: 'Audit trail' },
] as const;
export type AdminTab = (typeof ADMIN_TABS)[number]['id'];

/**
 * Administration of one satellite at a time (`#/admin/<tab>?sat=<id>`): settings, users, orgs, the audit trail.
 * Only satellites where the user is a satellite admin are offered; org admins never get here from the menu.
 */
export function AdminScreen({ segments, query }: { readonly segments: ReadonlyArray<string>; readonly query: Readonly<Record<string, string>> }) {
  const satellites = useSatellitesStore((state) => state.satellites);
  const admins = satellites.filter((satellite) => satellite.identity?.role === 'sat-admin');
  const tab = ADMIN_TABS.find((item) => item.id === segments[0])?.id ?? 'settings';
  const asked = satellites.find((satellite) => satellite.id === query.sat);
  const satellite = admins.find((item) => item.id === query.sat) ?? (asked ? undefined : admins[0]);

  if (admins.length === 0) {
    return (
      <div className="screen" data-testid="admin-screen" data-state="no-admin">
        <h1>Administration</h1>
        <Empty title="You are not a satellite admin on any satellite">Settings, users, orgs and the audit trail are for satellite admins. Org admins manage their org's schedules from the other screens.</Empty>
      </div>
    );
  }
  return (
    <div className="screen admin" data-testid="admin-screen" data-satellite={satellite?.name}>
      <header className="screen__header">
        <h1>Administration</h1>
        <SatellitePicker admins={admins} current={satellite} tab={tab} />
      </header>
      <nav className="admin-tabs" aria-label="Administration">
        {ADMIN_TABS.map((item) => (
          <a key={item.id} href={hashOf(['admin', item.id], { sat: satellite?.id ?? query.sat })} className={`admin-tabs__tab ${item.id === tab ? 'admin-tabs__tab--current' : ''}`} aria-current={item.id === tab ? 'page' : undefined} data-testid={`admin-tab-${item.id}`}>
            {item.label}
          </a>
        ))}
      </nav>
      {satellite ? <TabPanel satellite={satellite} tab={tab} query={query} /> : <p className="notice notice--warning">You are not a satellite admin on {asked?.name}: pick one of the satellites above.</p>}
    </div>
  );
}

function TabPanel({ satellite, tab, query }: { satellite: SatelliteView; tab: AdminTab; query: Readonly<Record<string, string>> }) {
  useAdminRefresh(satellite.id, tab);
  return (
    <section className="admin-panel" aria-label={`${tab} of ${satellite.name}`}>
      {!isReachable(satellite) && (
        <p className="notice notice--warning" role="status">
          {satellite.name} is {satellite.status === 'expired' ? 'logged out' : satellite.status}: what shows is what it last said, and changes cannot be sent. <a href="#/satellites">Satellites</a>
        </p>
      )}
      {tab === 'settings' && <SettingsTab satellite={satellite} />}
      {tab === 'users' && <UsersTab satellite={satellite} />}
      {tab === 'orgs' && <OrgsTab satellite={satellite} />}
      {tab === 'audit' && <AuditTab satellite={satellite} query={query} />}
    </section>
  );
}

function SatellitePicker({ admins, current, tab }: { admins: ReadonlyArray<SatelliteView>; current: SatelliteView | undefined; tab: AdminTab }) {
  const navigate = useRouterStore((state) => state.navigate);
  return (
    <label className="admin-picker">
      <span className="admin-picker__label">Satellite</span>
      {current && <SatelliteBadge satellite={current} dot />}
      <select value={current?.id ?? ''} onChange={(event) => navigate(['admin', tab], { sat: event.target.value })} aria-label="Satellite to administer" data-testid="admin-satellite">
        {!current && <option value="">Pick a satellite</option>}
        {admins.map((satellite) => (
          <option key={satellite.id} value={satellite.id}>
            {satellite.glyph} {satellite.name}
            {isReachable(satellite) ? '' : ` (${satellite.status})`}
          </option>
        ))}
      </select>
    </label>
  );
}
