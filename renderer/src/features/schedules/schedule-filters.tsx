import type { SatelliteView } from '@taskomatic/shared/ipc';
import { useCallback, useRef } from 'react';
import { useShortcut } from '../../lib/shortcuts';
import { SATELLITE_LEVEL, type ScheduleFilter } from './schedule-list';

/** The filter bar: satellite, words, bunch, org, state. `/` puts the cursor in the words. */
export function ScheduleFilters({ filter, satellites, bunches, orgs, onChange }: {
  filter: ScheduleFilter;
  satellites: ReadonlyArray<SatelliteView>;
  bunches: ReadonlyArray<string>;
  orgs: ReadonlyArray<string>;
  onChange: (filter: ScheduleFilter) => void;
}) {
  const text = useRef<HTMLInputElement>(null);
  useShortcut('/', 'Filter schedules', 'Schedules', useCallback(() => text.current?.focus(), []));
  const set = (change: Partial<ScheduleFilter>) => {
    const next: Record<string, string | undefined> = { ...filter, ...change };
    for (const key of Object.keys(next)) if (!next[key]) delete next[key];
    onChange(next as ScheduleFilter);
  };
  const any = Object.values(filter).some(Boolean);

  return (
    <div className="schedule-filters" role="search">
      <input
        ref={text}
        type="search"
        data-testid="schedule-filter"
        className="schedule-filters__text"
        placeholder="Filter by label, bunch, cron, reason…  ( / )"
        aria-label="Filter schedules"
        value={filter.text ?? ''}
        onChange={(event) => set({ text: event.target.value })}
        onKeyDown={(event) => {
          if (event.key === 'Escape') event.currentTarget.blur();
        }}
      />
      {satellites.length > 1 && (
        <select aria-label="Satellite" data-testid="schedule-filter-satellite" value={filter.satellite ?? ''} onChange={(event) => set({ satellite: event.target.value })}>
          <option value="">All satellites</option>
          {satellites.map((satellite) => (
            <option key={satellite.id} value={satellite.id}>
              {satellite.glyph} {satellite.name}
            </option>
          ))}
        </select>
      )}
      <select aria-label="Bunch" data-testid="schedule-filter-bunch" value={filter.bunch ?? ''} onChange={(event) => set({ bunch: event.target.value })}>
        <option value="">All bunches</option>
        {bunches.map((bunch) => (
          <option key={bunch} value={bunch}>
            {bunch}
          </option>
        ))}
      </select>
      <select aria-label="Org" data-testid="schedule-filter-org" value={filter.org ?? ''} onChange={(event) => set({ org: event.target.value })}>
        <option value="">Satellite and orgs</option>
        <option value={SATELLITE_LEVEL}>Satellite-level only</option>
        {orgs.map((org) => (
          <option key={org} value={org}>
            {org}
          </option>
        ))}
      </select>
      <select aria-label="State" data-testid="schedule-filter-state" value={filter.state ?? ''} onChange={(event) => set({ state: event.target.value as ScheduleFilter['state'] })}>
        <option value="">Active and paused</option>
        <option value="active">Active</option>
        <option value="paused">Paused</option>
        <option value="overdue">Overdue</option>
      </select>
      {any && (
        <button type="button" className="link-button" onClick={() => onChange({})}>
          Clear filters
        </button>
      )}
    </div>
  );
}
