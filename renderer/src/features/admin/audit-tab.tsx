import type { SatelliteView } from '@taskomatic/shared/ipc';
import { useEffect, useMemo, useState } from 'react';
import { Empty, ErrorState, Loading } from '../../components/panel-state';
import { TimeText } from '../../components/time-text';
import { onSatelliteChanges } from '../../pushes';
import { useAdminStore } from '../../stores/admin-store';
import { useRouterStore } from '../../stores/router-store';
import { AuditFilterBar } from './audit-filter-bar';
import { auditApiFilter, auditFilterFromQuery, auditFilterProblem, auditFilterToQuery, isFiltered, type AuditFilter } from './audit-filters';
import { AuditHead, AuditRow } from './audit-row';

/** Kinds of change the audit trail records (runs are not audited: they are the history). */
const AUDITED = new Set(['schedule', 'bunch', 'settings', 'user', 'org']);

/** The audit trail: who changed what and when, before and after, filtered and paged (newest first). */
export function AuditTab({ satellite, query }: { satellite: SatelliteView; query: Readonly<Record<string, string>> }) {
  const filter = useMemo(() => auditFilterFromQuery(query), [query]);
  const problem = auditFilterProblem(filter);
  const view = useAdminStore((state) => state.audit[satellite.id]);
  const newChanges = useNewChanges(satellite.id, view?.slice.asOf);
  const apiFilter = useMemo(() => auditApiFilter(filter), [filter]);
  const load = () => void useAdminStore.getState().loadAudit(satellite.id, apiFilter);

  useEffect(() => {
    if (!problem) void useAdminStore.getState().loadAudit(satellite.id, apiFilter);
  }, [satellite.id, apiFilter, problem]);

  const setFilter = (next: AuditFilter) => useRouterStore.getState().replaceQuery({ sat: satellite.id, ...auditFilterToQuery(next) });
  const current = view && view.filterKey === JSON.stringify(apiFilter) ? view : undefined;
  const entries = current?.slice.data;

  return (
    <div className="admin-section">
      <AuditFilterBar satellite={satellite} filter={filter} onChange={setFilter} />
      {problem && <p className="notice notice--error">{problem}</p>}
      {newChanges > 0 && (
        <p className="notice notice--success" role="status">
          {newChanges} change{newChanges > 1 ? 's' : ''} on {satellite.name} since this was read.{' '}
          <button type="button" className="link-button" onClick={load}>
            Show
          </button>
        </p>
      )}
      {current?.slice.status === 'error' && entries && (
        <p className="notice notice--warning">
          Could not read it again ({current.slice.error?.message}); shown as of <TimeText date={current.slice.asOf} satellite={satellite} style="time" />.
        </p>
      )}
      {!entries ? (
        current?.slice.status === 'error' ? <ErrorState title="Could not read the audit trail" message={current.slice.error?.message ?? ''} onRetry={load} /> : !problem && <Loading what="the audit trail" />
      ) : entries.length === 0 ? (
        <Empty title={isFiltered(filter) ? 'No entry matches these filters' : 'Nothing recorded yet'}>{isFiltered(filter) ? 'Widen the time range or clear a filter.' : 'Every change and every refused login will show here.'}</Empty>
      ) : (
        <>
          <table className="data audit-table" data-testid="audit-table">
            <AuditHead />
            <tbody>
              {entries.map((entry) => (
                <AuditRow key={entry.id} satellite={satellite} entry={entry} onFilter={(change) => setFilter({ ...filter, ...change })} />
              ))}
            </tbody>
          </table>
          <div className="audit-paging">
            {current?.nextCursor !== undefined ? (
              <button type="button" onClick={() => void useAdminStore.getState().loadMoreAudit(satellite.id)} disabled={current.loadingMore} data-testid="audit-more">
                {current.loadingMore ? 'Loading…' : 'Load older entries'}
              </button>
            ) : (
              <span className="muted">{entries.length} entr{entries.length === 1 ? 'y' : 'ies'} · the start of the trail</span>
            )}
            {current?.moreError && <span className="notice notice--error">{current.moreError}</span>}
          </div>
        </>
      )}
    </div>
  );
}

/** How many audited changes the satellite's feed reported since the trail was read (the list is not reshuffled under the reader). */
function useNewChanges(satelliteId: string, asOf: Date | undefined): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    setCount(0);
    return onSatelliteChanges((changedId, changes, reset) => {
      if (changedId !== satelliteId) return;
      const audited = reset ? 1 : changes.filter((change) => AUDITED.has(change.kind)).length;
      if (audited > 0) setCount((value) => value + audited);
    });
  }, [satelliteId, asOf]);
  return count;
}
