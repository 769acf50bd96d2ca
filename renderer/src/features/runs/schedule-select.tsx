import type { SatelliteView } from '@taskomatic/shared/ipc';
import type { FilterOptions } from './filter-options';
import type { RunsFilter } from './runs-filter';

/** Schedules grouped by satellite: picking one narrows history to its satellite. */
export function ScheduleSelect({ filter, satellites, options, onChange }: { filter: RunsFilter; satellites: ReadonlyArray<SatelliteView>; options: FilterOptions; onChange: (schedule: RunsFilter['schedule']) => void }) {
  const value = filter.schedule ? `${filter.schedule.satelliteId}:${filter.schedule.scheduleId}` : '';
  const known = options.schedules.some((schedule) => `${schedule.satelliteId}:${schedule.id}` === value);
  return (
    <label>
      Schedule
      <select
        data-testid="runs-filter-schedule"
        value={value}
        onChange={(event) => {
          const [satelliteId, id] = event.target.value.split(':');
          onChange(satelliteId && id ? { satelliteId, scheduleId: Number(id) } : undefined);
        }}
      >
        <option value="">Any schedule</option>
        {value && !known && <option value={value}>schedule {filter.schedule?.scheduleId}</option>}
        {satellites.map((satellite) => {
          const mine = options.schedules.filter((schedule) => schedule.satelliteId === satellite.id);
          if (mine.length === 0) return null;
          return (
            <optgroup key={satellite.id} label={`${satellite.glyph} ${satellite.name}`}>
              {mine.map((schedule) => (
                <option key={schedule.id} value={`${satellite.id}:${schedule.id}`}>
                  {schedule.label}
                  {schedule.ended ? ' (ended)' : ''}
                </option>
              ))}
            </optgroup>
          );
        })}
      </select>
    </label>
  );
}
