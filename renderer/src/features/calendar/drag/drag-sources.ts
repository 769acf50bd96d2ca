import type { ScheduleInfo } from '@taskomatic/shared';
import { desktopApi } from '../../../api';
import type { Catalog } from './drop-check';

/** Per satellite, its bunches' tasks and exclusive tasks: read once per session (the catalog changes rarely). */
const catalogs = new Map<string, Promise<Catalog>>();

/** The catalog for collision warnings; a failed read is forgotten so that the next drag asks again. */
export function catalogOf(satelliteId: string): Promise<Catalog> {
  let found = catalogs.get(satelliteId);
  if (!found) {
    const api = desktopApi();
    found = Promise.all([api.call(satelliteId, 'bunches.list'), api.call(satelliteId, 'tasks.list')]).then(([bunches, tasks]) => ({
      tasksOfBunch: new Map(bunches.map((bunch) => [bunch.name, bunch.steps.map((step) => step.task)])),
      parallelizable: new Set(tasks.filter((task) => task.parallelizable).map((task) => task.name)),
    }));
    found.catch(() => catalogs.delete(satelliteId));
    catalogs.set(satelliteId, found);
  }
  return found;
}

/** The schedule as it is now, read when a drag begins: its version goes with the change. */
export function scheduleOf(satelliteId: string, id: number): Promise<ScheduleInfo> {
  return desktopApi().call(satelliteId, 'schedules.get', { id });
}
