import type { BunchInfo, OrgInfo, TaskInfoStruct } from '@taskomatic/shared';
import { desktopApi } from '../../api';
import { useLoad, type Loaded } from './use-load';

/** What the editor offers on a satellite: its predefined bunches, the task catalog (parameters, parallelism), its orgs. */
export interface EditorCatalog {
  readonly bunches: ReadonlyArray<BunchInfo>;
  readonly tasks: ReadonlyArray<TaskInfoStruct>;
  readonly orgs: ReadonlyArray<OrgInfo>;
}

/** Loads a satellite's catalog (three calls at once) whenever the satellite changes. */
export function useEditorCatalog(satelliteId: string | undefined): Loaded<EditorCatalog> {
  return useLoad<EditorCatalog>(satelliteId, async () => {
    const api = desktopApi();
    const id = satelliteId as string;
    const [bunches, tasks, orgs] = await Promise.all([api.call(id, 'bunches.list'), api.call(id, 'tasks.list'), api.call(id, 'orgs.list')]);
    return { bunches, tasks, orgs };
  });
}

/** The bunches a user may schedule: org admins only their org's kind (satellite-level bunches are not theirs). */
export function schedulableBunches(bunches: ReadonlyArray<BunchInfo>, orgAdmin: boolean): ReadonlyArray<BunchInfo> {
  return orgAdmin ? bunches.filter((bunch) => bunch.orgBunch) : bunches;
}
