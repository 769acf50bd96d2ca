import type { ScheduleInfo } from '@taskomatic/shared';
import { errorInfoOf } from '@taskomatic/shared/ipc';
import { useEffect, useMemo, useRef, useState } from 'react';
import { desktopApi } from '../../api';
import { useRouterStore } from '../../stores/router-store';
import { useSchedulesStore } from '../../stores/schedules-store';
import { useToastsStore } from '../../stores/toasts-store';
import { bunchParameters, type BunchParameter } from './bunch-parameters';
import { createRequest, draftOf, updateRequest, type ScheduleDraft } from './editor-draft';
import { isFault } from './schedule-actions';
import { scheduleChanges } from './schedule-diff';
import type { EditorCatalog } from './use-editor-catalog';
import type { Conflict } from './version-conflict';

/** Problems the server reported on save, by where they are shown. */
export type ServerErrors = Partial<Record<'label' | 'cron' | 'timeZone' | 'params' | 'general', string>>;

/** The fault of a refused save, placed next to the field it is about. */
function serverErrorsOf(error: unknown): ServerErrors {
  const info = errorInfoOf(error);
  switch (info.fault) {
    case 'INVALID_CRON':
      return { cron: info.message };
    case 'INVALID_TIME_ZONE':
      return { timeZone: info.message };
    case 'INVALID_PARAMETER':
      return { params: info.message };
    case 'LABEL_TAKEN':
      return { label: info.message };
    default:
      return { general: info.kind === 'fault' ? info.message : `${info.message} (nothing was saved)` };
  }
}

/**
 * The editor's form state: the draft, the version it was read at, save (create or update at that version), and
 * the version conflict with its two ways out. `initial` is the draft to start from once everything is loaded.
 */
export function useScheduleForm(satelliteId: string | undefined, stored: ScheduleInfo | undefined, catalog: EditorCatalog | undefined, initial: () => ScheduleDraft | undefined, resetKey: string) {
  const [draft, setDraft] = useState<ScheduleDraft | undefined>();
  const [read, setRead] = useState<ScheduleInfo | undefined>();
  const [conflict, setConflict] = useState<Conflict | undefined>();
  const [serverErrors, setServerErrors] = useState<ServerErrors>({});
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  const show = useToastsStore((state) => state.show);
  const navigate = useRouterStore((state) => state.navigate);
  const readRef = useRef(read);
  readRef.current = read;

  const parameters: ReadonlyArray<BunchParameter> = useMemo(() => {
    const bunch = catalog?.bunches.find((item) => item.name === draft?.bunch);
    return bunch && catalog ? bunchParameters(bunch, catalog.tasks) : [];
  }, [catalog, draft?.bunch]);

  // Start over when the satellite or schedule changes, once what the form needs has arrived.
  useEffect(() => {
    setDraft(undefined);
    setRead(undefined);
    setConflict(undefined);
    setServerErrors({});
    setAttempted(false);
  }, [resetKey]);
  useEffect(() => {
    if (draft) return;
    const start = initial();
    if (!start) return;
    setDraft(start);
    setRead(stored);
  }, [draft, initial, stored]);

  const paramsOf = (schedule: ScheduleInfo) => (catalog ? bunchParameters(catalog.bunches.find((item) => item.name === schedule.bunch) ?? { steps: [] }, catalog.tasks) : []);
  const adopt = (schedule: ScheduleInfo) => {
    setRead(schedule);
    setDraft(draftOf(schedule, paramsOf(schedule)));
    setConflict(undefined);
    setServerErrors({});
    useSchedulesStore.getState().applySchedule(satelliteId as string, schedule);
  };
  const dirty = draft !== undefined && read !== undefined && JSON.stringify(draft) !== JSON.stringify(draftOf(read, paramsOf(read)));

  async function send(version: number | undefined) {
    if (!draft || !satelliteId) return;
    setBusy(true);
    setServerErrors({});
    const api = desktopApi();
    try {
      if (!read) {
        const created = await api.call(satelliteId, 'schedules.create', createRequest(draft, parameters));
        useSchedulesStore.getState().applySchedule(satelliteId, created);
        show({ kind: 'success', text: `Created ${created.label}`, action: { label: 'Open', run: () => navigate(['schedules', satelliteId, created.id]) } });
        navigate(['schedules']);
        return;
      }
      adopt(await api.call(satelliteId, 'schedules.update', updateRequest(draft, parameters, read.id, version ?? read.version)));
      show({ kind: 'success', text: `Saved ${draft.label.trim()}` });
    } catch (error) {
      if (read && isFault(error, 'VERSION_CONFLICT')) {
        const current = await api.call(satelliteId, 'schedules.get', { id: read.id }).catch(() => undefined);
        if (current) setConflict({ message: errorInfoOf(error).message, current, changes: scheduleChanges(read, current) });
        else setServerErrors({ general: errorInfoOf(error).message });
      } else setServerErrors(serverErrorsOf(error));
    } finally {
      setBusy(false);
    }
  }

  return {
    draft,
    read,
    parameters,
    conflict,
    serverErrors,
    attempted,
    busy,
    dirty,
    change: (patch: Partial<ScheduleDraft>) => setDraft((before) => (before ? { ...before, ...patch } : before)),
    /** Saves when `valid`; otherwise only marks the attempt so every problem shows. */
    save: (valid: boolean) => {
      setAttempted(true);
      if (valid) void send(undefined);
    },
    applyMine: () => conflict && void send(conflict.current.version),
    reloadTheirs: () => conflict && adopt(conflict.current),
    /** Someone else saved meanwhile (changes feed): an untouched form follows; an edited one gets the conflict panel now. */
    async outsideChange() {
      const mine = readRef.current;
      if (!mine || !satelliteId || busy) return;
      const current = await desktopApi().call(satelliteId, 'schedules.get', { id: mine.id }).catch(() => undefined);
      if (!current || current.version === readRef.current?.version) return;
      if (!dirty) {
        adopt(current);
        show({ kind: 'info', text: `${current.label} was changed on the satellite; the form shows the new version ${current.version}` });
      } else setConflict({ message: `${current.label} was changed on the satellite while you were editing (now version ${current.version}).`, current, changes: scheduleChanges(mine, current) });
    },
  };
}
