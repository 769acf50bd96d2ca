import type { SatelliteView } from '@taskomatic/shared/ipc';
import { useState } from 'react';
import { Empty, ErrorState, Loading } from '../../components/panel-state';
import { PartialNotice } from '../../components/partial-notice';
import { SatelliteBadge } from '../../components/satellite-badge';
import { hashOf, useRouterStore } from '../../stores/router-store';
import { AuditHead, AuditRow } from '../admin/audit-row';
import { auditFilterToQuery, type AuditFilter } from '../admin/audit-filters';
import { mergeAudit } from './audit-merge';
import { AUDIT_PER_SATELLITE, useFleetAudit, type AuditSlices } from './use-fleet-audit';

const PERIODS = [
  { label: 'last 24 hours', ms: 86_400_000 },
  { label: 'last 7 days', ms: 7 * 86_400_000 },
  { label: 'last 30 days', ms: 30 * 86_400_000 },
] as const;

/**
 * The audit trail of every satellite where the user is a satellite admin, merged newest first (who, when, what,
 * before and after; the rows are the administration screen's). Satellites where the user is an org admin are
 * named as "not permitted": the server keeps its audit trail for satellite admins (docs/api.md, audit.list).
 */
export function FleetAudit({ satellites }: { satellites: ReadonlyArray<SatelliteView> }) {
  const [period, setPeriod] = useState<number>(PERIODS[1].ms);
  const [schedulesOnly, setSchedulesOnly] = useState(false);
  const asked = satellites.filter((satellite) => satellite.identity?.role === 'sat-admin');
  const { slices, reload } = useFleetAudit(asked, { sinceMs: period, ...(schedulesOnly ? { targetType: 'schedule' } : {}) });
  const denied = [...satellites.filter((satellite) => satellite.identity !== undefined && satellite.identity.role !== 'sat-admin'), ...asked.filter((satellite) => slices[satellite.id]?.error?.fault === 'PERMISSION_DENIED')];
  const permitted = asked.filter((satellite) => !denied.includes(satellite));
  // Not logged in yet: whether the trail is theirs to read is not known; they count as not answering.
  const unknown = satellites.filter((satellite) => satellite.identity === undefined);
  const merged = mergeAudit(permitted.map((satellite) => [satellite.id, slices[satellite.id]?.data ?? []] as const), AUDIT_PER_SATELLITE);
  const byId = new Map(satellites.map((satellite) => [satellite.id, satellite]));

  return (
    <section className="card changes-audit" data-testid="changes-audit" aria-label="Audit trail">
      <header className="changes-section__header">
        <h2>Audit trail</h2>
        <label className="changes-audit__toggle">
          Period{' '}
          <select value={period} onChange={(event) => setPeriod(Number(event.target.value))} data-testid="changes-audit-period">
            {PERIODS.map((item) => (
              <option key={item.ms} value={item.ms}>
                {item.label}
              </option>
            ))}
          </select>
        </label>
        <label className="changes-audit__toggle">
          <input type="checkbox" checked={schedulesOnly} onChange={(event) => setSchedulesOnly(event.target.checked)} /> schedules only
        </label>
      </header>
      {denied.length > 0 && (
        <p className="notice notice--warning" data-testid="changes-audit-denied">
          Not permitted on {denied.map((satellite, index) => <span key={satellite.id}>{index > 0 && ', '}<SatelliteBadge satellite={satellite} /></span>)}: the audit trail is for satellite admins
          {denied.some((satellite) => satellite.identity?.role === 'org-admin') ? ', and you are an org admin there' : ''}.
        </p>
      )}
      <PartialNotice satellites={[...permitted, ...unknown]} slices={slices} onRetry={() => reload()} />
      <AuditBody permitted={permitted} slices={slices} merged={merged} byId={byId} onRetry={() => reload()} />
    </section>
  );
}

function AuditBody({ permitted, slices, merged, byId, onRetry }: { permitted: ReadonlyArray<SatelliteView>; slices: AuditSlices; merged: ReturnType<typeof mergeAudit>; byId: ReadonlyMap<string, SatelliteView>; onRetry: () => void }) {
  if (permitted.length === 0) return <Empty title="No audit trail you may read">Ask a satellite admin; every change you make is recorded on its satellite all the same.</Empty>;
  const answered = permitted.filter((satellite) => slices[satellite.id]?.data !== undefined);
  if (answered.length === 0) {
    const failed = permitted.every((satellite) => slices[satellite.id]?.status === 'error');
    return failed ? <ErrorState title="No satellite answered" message={permitted.map((satellite) => `${satellite.name}: ${slices[satellite.id]?.error?.message ?? ''}`).join(' · ')} onRetry={onRetry} /> : <Loading what="the audit trail" />;
  }
  if (merged.length === 0) return <Empty title="Nothing recorded in this period">Every change and every refused login shows here.</Empty>;
  // A click on an actor or a target opens that satellite's whole trail with the filter, in Administration.
  const openTrail = (satellite: SatelliteView) => (change: AuditFilter) => useRouterStore.getState().navigate(['admin', 'audit'], { sat: satellite.id, ...auditFilterToQuery(change) });
  return (
    <>
      <table className="data audit-table" data-testid="changes-audit-table">
        <AuditHead withSatellite />
        <tbody>
          {merged.map(({ satelliteId, entry }) => {
            const satellite = byId.get(satelliteId);
            return satellite && <AuditRow key={`${satelliteId}/${entry.id}`} satellite={satellite} entry={entry} onFilter={openTrail(satellite)} withSatellite />;
          })}
        </tbody>
      </table>
      <p className="muted">
        The newest {AUDIT_PER_SATELLITE} entries of each satellite. The whole trail, with filters:{' '}
        {permitted.map((satellite, index) => (
          <span key={satellite.id}>
            {index > 0 && ' · '}
            <a href={hashOf(['admin', 'audit'], { sat: satellite.id })}>{satellite.name}</a>
          </span>
        ))}
      </p>
    </>
  );
}
