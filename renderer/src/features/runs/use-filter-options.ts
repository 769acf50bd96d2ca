import { useEffect, useState } from 'react';
import { desktopApi } from '../../api';
import { combineOptions, type FilterOptions, type SatelliteOptions } from './filter-options';

/** How long a satellite's catalog (tasks, bunches, orgs, schedules) is reused before it is read again. */
const FRESH_MS = 60_000;

const cache = new Map<string, { readonly at: number; readonly options: Promise<SatelliteOptions> }>();

/** Each list on its own: a satellite that refuses one (or is slow on one) still offers the others. */
async function read(satelliteId: string): Promise<SatelliteOptions> {
  const api = desktopApi();
  const [tasks, bunches, orgs, schedules] = await Promise.allSettled([
    api.call(satelliteId, 'tasks.list'),
    api.call(satelliteId, 'bunches.list'),
    api.call(satelliteId, 'orgs.list'),
    api.call(satelliteId, 'schedules.list', { includeEnded: true }),
  ]);
  // A satellite that answered nothing (offline) is asked again next time rather than remembered as empty.
  if (tasks.status === 'rejected' && bunches.status === 'rejected' && orgs.status === 'rejected' && schedules.status === 'rejected') throw tasks.reason;
  return {
    tasks: tasks.status === 'fulfilled' ? tasks.value.map((task) => task.name) : [],
    bunches: bunches.status === 'fulfilled' ? bunches.value.map((bunch) => bunch.name) : [],
    orgs: orgs.status === 'fulfilled' ? orgs.value : [],
    schedules: schedules.status === 'fulfilled' ? schedules.value.filter((schedule) => !schedule.locked).map((schedule) => ({ id: schedule.id, label: schedule.label, bunch: schedule.bunch, ended: schedule.ended })) : [],
  };
}

/** A satellite's filter choices, read at most once a minute; a failed read is not kept. */
export function satelliteOptions(satelliteId: string): Promise<SatelliteOptions> {
  const cached = cache.get(satelliteId);
  if (cached && Date.now() - cached.at < FRESH_MS) return cached.options;
  const options = read(satelliteId);
  cache.set(satelliteId, { at: Date.now(), options });
  options.catch(() => cache.delete(satelliteId));
  return options;
}

const EMPTY: FilterOptions = combineOptions([]);

/** The filter bar's choices across these satellites, growing as each one answers. */
export function useFilterOptions(satelliteIds: ReadonlyArray<string>): FilterOptions {
  const [options, setOptions] = useState<FilterOptions>(EMPTY);
  const key = satelliteIds.join(',');
  useEffect(() => {
    let live = true;
    const answered = new Map<string, SatelliteOptions>();
    for (const id of satelliteIds) {
      satelliteOptions(id)
        .then((found) => {
          answered.set(id, found);
          if (live) setOptions(combineOptions(satelliteIds.filter((item) => answered.has(item)).map((item) => [item, answered.get(item) as SatelliteOptions] as const)));
        })
        .catch(() => undefined);
    }
    return () => {
      live = false;
    };
    // Compared by their text: a new array of the same satellites is the same question.
  }, [key]);
  return options;
}
