import { RUN_STATUSES, RUN_TRIGGERS, type RunStatus } from '@taskomatic/shared';
import type { SatelliteView } from '@taskomatic/shared/ipc';
import { useCallback, useRef } from 'react';
import { STATUS_LOOK } from '../../lib/status';
import { useShortcut } from '../../lib/shortcuts';
import { MY_ZONE } from '../../lib/time-format';
import type { FilterOptions } from './filter-options';
import { isFiltered, NO_FILTER, SATELLITE_LEVEL, WINDOWS, type RunsFilter, type RunsWindow } from './runs-filter';
import { ScheduleSelect } from './schedule-select';

const WINDOW_WORDS: Readonly<Record<RunsWindow, string>> = { all: 'All time', '1h': 'Last hour', '24h': 'Last 24 hours', '7d': 'Last 7 days', '30d': 'Last 30 days', custom: 'Between…' };

/** Status groups an administrator looks for more often than one status. */
const STATUS_GROUPS: ReadonlyArray<{ readonly label: string; readonly statuses: ReadonlyArray<RunStatus> }> = [
  { label: 'Problems (failed, timed out, interrupted, missed)', statuses: ['FAILED', 'TIMED_OUT', 'INTERRUPTED', 'MISSED'] },
  { label: 'Under way (scheduled, postponed, running)', statuses: ['READY', 'POSTPONED', 'RUNNING'] },
];

/** `2026-11-28T14:05` in my zone, for a datetime-local field. */
function localField(date: Date | undefined): string {
  if (!date) return '';
  const shifted = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return shifted.toISOString().slice(0, 16);
}

/** The filter bar of run history: every change goes to the query string, so a link keeps it. */
export function RunsFilters({ filter, satellites, options, onChange }: { filter: RunsFilter; satellites: ReadonlyArray<SatelliteView>; options: FilterOptions; onChange: (filter: RunsFilter) => void }) {
  const first = useRef<HTMLSelectElement>(null);
  useShortcut('/', 'Focus the filters', 'Run history', useCallback(() => first.current?.focus(), []));
  const statusValue = filter.statuses.join(',');
  const knownStatus = statusValue === '' || filter.statuses.length === 1 || STATUS_GROUPS.some((group) => group.statuses.join(',') === statusValue);
  const anyOrgAdmin = satellites.some((satellite) => satellite.identity?.role === 'org-admin');
  const allOrgAdmins = satellites.length > 0 && satellites.every((satellite) => satellite.identity?.role === 'org-admin');
  const change = (patch: Partial<RunsFilter>) => onChange({ ...filter, ...patch });

  return (
    <form className="runs-filters" aria-label="Filter run history" onSubmit={(event) => event.preventDefault()}>
      <label>
        When (due)
        <select ref={first} data-testid="runs-filter-window" value={filter.window} onChange={(event) => change({ window: event.target.value as RunsWindow })}>
          {WINDOWS.map((window) => (
            <option key={window} value={window}>{WINDOW_WORDS[window]}</option>
          ))}
        </select>
      </label>
      {filter.window === 'custom' && (
        <>
          <label>
            From ({MY_ZONE})
            <input type="datetime-local" data-testid="runs-filter-from" value={localField(filter.from)} onChange={(event) => change({ from: event.target.value ? new Date(event.target.value) : undefined })} />
          </label>
          <label>
            To ({MY_ZONE})
            <input type="datetime-local" data-testid="runs-filter-to" value={localField(filter.to)} onChange={(event) => change({ to: event.target.value ? new Date(event.target.value) : undefined })} />
          </label>
        </>
      )}
      <label>
        Satellite
        <select data-testid="runs-filter-satellite" value={filter.schedule?.satelliteId ?? filter.satellites.join(',')} disabled={filter.schedule !== undefined} title={filter.schedule ? 'The schedule chosen decides the satellite' : undefined} onChange={(event) => change({ satellites: event.target.value ? [event.target.value] : [] })}>
          <option value="">All satellites</option>
          {filter.satellites.length > 1 && <option value={filter.satellites.join(',')}>{filter.satellites.length} satellites</option>}
          {satellites.map((satellite) => (
            <option key={satellite.id} value={satellite.id}>{`${satellite.glyph} ${satellite.name}`}</option>
          ))}
        </select>
      </label>
      <label>
        Task
        <select data-testid="runs-filter-task" value={filter.task ?? ''} onChange={(event) => change({ task: event.target.value || undefined })}>
          <option value="">Any task</option>
          {filter.task && !options.tasks.includes(filter.task) && <option value={filter.task}>{filter.task}</option>}
          {options.tasks.map((task) => (
            <option key={task} value={task}>{task}</option>
          ))}
        </select>
      </label>
      <label>
        Bunch
        <select data-testid="runs-filter-bunch" value={filter.bunch ?? ''} onChange={(event) => change({ bunch: event.target.value || undefined })}>
          <option value="">Any bunch</option>
          {filter.bunch && !options.bunches.includes(filter.bunch) && <option value={filter.bunch}>{filter.bunch}</option>}
          {options.bunches.map((bunch) => (
            <option key={bunch} value={bunch}>{bunch}</option>
          ))}
        </select>
      </label>
      <ScheduleSelect filter={filter} satellites={satellites} options={options} onChange={(schedule) => change({ schedule })} />
      <label>
        Org
        <select data-testid="runs-filter-org" value={filter.org ?? ''} onChange={(event) => change({ org: event.target.value || undefined })}>
          <option value="">{anyOrgAdmin ? 'Any org you see' : 'Any org, and satellite-level'}</option>
          {!allOrgAdmins && <option value={SATELLITE_LEVEL}>Satellite-level only (no org)</option>}
          {filter.org && filter.org !== SATELLITE_LEVEL && !options.orgs.includes(filter.org) && <option value={filter.org}>{filter.org}</option>}
          {options.orgs.map((org) => (
            <option key={org} value={org}>{org}</option>
          ))}
        </select>
      </label>
      <label>
        Status
        <select data-testid="runs-filter-status" value={statusValue} onChange={(event) => change({ statuses: event.target.value ? (event.target.value.split(',') as RunStatus[]) : [] })}>
          <option value="">Any status</option>
          {!knownStatus && <option value={statusValue}>{filter.statuses.map((status) => STATUS_LOOK[status].label).join(', ')}</option>}
          {STATUS_GROUPS.map((group) => (
            <option key={group.label} value={group.statuses.join(',')}>{group.label}</option>
          ))}
          {RUN_STATUSES.map((status) => (
            <option key={status} value={status}>{`${STATUS_LOOK[status].icon} ${STATUS_LOOK[status].label}`}</option>
          ))}
        </select>
      </label>
      <label>
        Trigger
        <select data-testid="runs-filter-trigger" value={filter.triggers.join(',')} onChange={(event) => change({ triggers: event.target.value ? (event.target.value.split(',') as RunsFilter['triggers']) : [] })}>
          <option value="">Any trigger</option>
          {filter.triggers.length > 1 && <option value={filter.triggers.join(',')}>{filter.triggers.join(', ')}</option>}
          {RUN_TRIGGERS.map((trigger) => (
            <option key={trigger} value={trigger}>{trigger}</option>
          ))}
        </select>
      </label>
      {isFiltered(filter) && (
        <button type="button" className="link-button runs-filters__clear" data-testid="runs-filter-clear" onClick={() => onChange(NO_FILTER)}>
          Clear filters
        </button>
      )}
    </form>
  );
}
