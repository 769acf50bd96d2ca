import type { SatelliteView } from '@taskomatic/shared/ipc';
import { useEffect, useRef } from 'react';
import { isReachable } from '../../stores/satellites-store';
import type { OutcomesMap } from '../../stores/schedules-store';
import type { SatelliteSlice } from '../../lib/per-satellite';
import { ScheduleRow, type RowActions } from './schedule-row';
import type { ScheduleRow as Row, ScheduleSort } from './schedule-list';

const COLUMNS: ReadonlyArray<{ readonly label: string; readonly sort?: ScheduleSort }> = [
  { label: 'Satellite', sort: 'satellite' },
  { label: 'Label', sort: 'label' },
  { label: 'Bunch', sort: 'bunch' },
  { label: 'Org' },
  { label: 'When' },
  { label: 'Next fire', sort: 'next' },
  { label: 'Last result · recent' },
  { label: 'Active' },
];

/** The schedules table: sortable headers, a select-all box, one row per schedule. */
export function SchedulesTable({ rows, satellites, outcomes, selected, cursor, sort, now, onSort, onSelectAll, actionsOf }: {
  rows: ReadonlyArray<Row>;
  satellites: ReadonlyArray<SatelliteView>;
  outcomes: Readonly<Record<string, SatelliteSlice<OutcomesMap> | undefined>>;
  selected: ReadonlySet<string>;
  cursor: number;
  sort: ScheduleSort;
  now: number;
  onSort: (sort: ScheduleSort) => void;
  onSelectAll: (select: boolean) => void;
  actionsOf: (row: Row) => RowActions;
}) {
  const byId = new Map(satellites.map((satellite) => [satellite.id, satellite]));
  const selectable = rows.filter((row) => !row.schedule.locked && !row.stale);
  const all = selectable.length > 0 && selectable.every((row) => selected.has(row.key));
  const body = useRef<HTMLTableSectionElement>(null);
  useEffect(() => {
    body.current?.children[cursor]?.scrollIntoView({ block: 'nearest' });
  }, [cursor]);

  return (
    <div className="schedules-table-wrap">
    <table className="data schedules-table" data-testid="schedules-table">
      <thead>
        <tr>
          <th>
            <input type="checkbox" data-testid="schedule-select-all" aria-label="Select every schedule shown" checked={all} disabled={selectable.length === 0} onChange={(event) => onSelectAll(event.target.checked)} />
          </th>
          {COLUMNS.map((column) => (
            <th key={column.label} aria-sort={column.sort && column.sort === sort ? 'ascending' : undefined}>
              {column.sort ? (
                <button type="button" className={`sort-button ${column.sort === sort ? 'sort-button--current' : ''}`} onClick={() => column.sort && onSort(column.sort)}>
                  {column.label}
                  {column.sort === sort ? ' ▲' : ''}
                </button>
              ) : (
                column.label
              )}
            </th>
          ))}
        </tr>
      </thead>
      <tbody ref={body}>
        {rows.map((row, index) => {
          const satellite = byId.get(row.satelliteId);
          const slice = outcomes[row.satelliteId];
          const reachable = satellite !== undefined && isReachable(satellite) && !row.stale;
          return (
            <ScheduleRow
              key={row.key}
              row={row}
              satellite={satellite}
              outcomes={slice?.data?.get(row.schedule.id)}
              outcomesFailed={slice?.status === 'error' && !slice.data ? slice.error?.message : undefined}
              satelliteNow={now + (satellite?.health?.clockSkewMs ?? 0)}
              selected={selected.has(row.key)}
              cursor={index === cursor}
              actions={reachable ? actionsOf(row) : undefined}
            />
          );
        })}
      </tbody>
    </table>
    </div>
  );
}
