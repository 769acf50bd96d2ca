import type { AuditEntryInfo } from '@taskomatic/shared';
import type { SatelliteView } from '@taskomatic/shared/ipc';
import { useMemo } from 'react';
import { SatelliteBadge } from '../../components/satellite-badge';
import { TimeText } from '../../components/time-text';
import { hashOf } from '../../stores/router-store';
import { auditDiff } from './audit-diff';
import type { AuditFilter } from './audit-filters';

/** The audit table's header row; `withSatellite` for the trail merged across satellites (the Changes screen). */
export function AuditHead({ withSatellite = false }: { withSatellite?: boolean }) {
  return (
    <thead>
      <tr>
        {withSatellite && <th>Satellite</th>}
        <th>When</th>
        <th>Who</th>
        <th>Action</th>
        <th>Target</th>
        <th>Before → after</th>
      </tr>
    </thead>
  );
}

/** One audit entry: when, who (and from where), the action, its target, and what changed; `withSatellite`: its satellite first (a trail merged across satellites). */
export function AuditRow({ satellite, entry, onFilter, withSatellite = false }: { satellite: SatelliteView; entry: AuditEntryInfo; onFilter: (change: AuditFilter) => void; withSatellite?: boolean }) {
  const diff = useMemo(() => auditDiff(entry.before, entry.after), [entry.before, entry.after]);
  const refused = entry.action === 'auth.loginRefused';
  return (
    <tr data-testid="audit-entry" data-action={entry.action} className={refused ? 'audit-row--refused' : undefined}>
      {withSatellite && (
        <td>
          <SatelliteBadge satellite={satellite} />
        </td>
      )}
      <td>
        <TimeText date={entry.at} satellite={satellite} style="full" />
      </td>
      <td>
        <button type="button" className="link-button" title={`Only ${entry.actor}'s entries`} onClick={() => onFilter({ actor: entry.actor })}>
          {entry.actor}
        </button>
        {entry.address && <div className="muted audit-row__address">from {entry.address}</div>}
      </td>
      <td>
        <code>{entry.action}</code>
      </td>
      <td>
        <button type="button" className="link-button" title={`Only ${entry.targetType} entries`} onClick={() => onFilter({ targetType: entry.targetType })}>
          {entry.targetType}
        </button>
        {entry.targetId !== undefined && (
          <>
            {' '}
            {entry.targetType === 'schedule' ? <a href={hashOf(['schedules', satellite.id, entry.targetId])}>#{entry.targetId}</a> : <button type="button" className="link-button" title="Only this target's entries" onClick={() => onFilter({ targetType: entry.targetType, targetId: entry.targetId })}>#{entry.targetId}</button>}
          </>
        )}
      </td>
      <td>
        {diff.rows.length === 0 ? (
          <span className="muted">no recorded values{diff.unchanged > 0 ? ` (${diff.unchanged} unchanged)` : ''}</span>
        ) : (
          <ul className="audit-diff">
            {diff.rows.map((row) => (
              <li key={row.path} className={`audit-diff__row audit-diff__row--${row.change}`} data-change={row.change}>
                <span className="audit-diff__path">{row.path}</span>{' '}
                {row.change === 'changed' && (
                  <>
                    <del title={row.before}>{row.before}</del> → <ins title={row.after}>{row.after}</ins>
                  </>
                )}
                {row.change === 'added' && <ins title={row.after}>{row.after}</ins>}
                {row.change === 'removed' && <del title={row.before}>{row.before}</del>}
              </li>
            ))}
            {diff.unchanged > 0 && <li className="muted">{diff.unchanged} other field{diff.unchanged > 1 ? 's' : ''} unchanged</li>}
          </ul>
        )}
      </td>
    </tr>
  );
}
