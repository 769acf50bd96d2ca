import type { ScheduleInfo } from '@taskomatic/shared';
import { useState } from 'react';
import { desktopApi } from '../../api';
import { useRouterStore } from '../../stores/router-store';
import { useSchedulesStore } from '../../stores/schedules-store';
import { toastError, useToastsStore } from '../../stores/toasts-store';
import { runScheduleNow } from './schedule-actions';

/** Save (the form's submit), Run now and Delete for a stored schedule, and what went wrong on save. */
export function EditorActions({ satelliteId, schedule, isNew, busy, readOnly, dirty, invalid, general }: {
  satelliteId: string;
  schedule: ScheduleInfo | undefined;
  isNew: boolean;
  busy: boolean;
  readOnly: boolean;
  dirty: boolean;
  /** A save was tried with problems left: say so beside the button. */
  invalid: boolean;
  general?: string;
}) {
  const [working, setWorking] = useState<'run' | 'delete' | undefined>();
  const show = useToastsStore((state) => state.show);
  const navigate = useRouterStore((state) => state.navigate);

  async function runNow(target: ScheduleInfo) {
    setWorking('run');
    try {
      const queued = await runScheduleNow(satelliteId, target);
      show({ kind: 'success', text: `Started ${target.label}${dirty ? ' (as saved: your unsaved edits are not used)' : ''}`, action: { label: 'Open run', run: () => navigate(['runs', satelliteId, queued.bunchRunId]) } });
    } catch (error) {
      toastError(`Could not start ${target.label}`, error);
    } finally {
      setWorking(undefined);
    }
  }

  async function remove(target: ScheduleInfo) {
    if (!window.confirm(`End ${target.label}? It fires no more; its runs and logs stay, and its label becomes free.`)) return;
    setWorking('delete');
    try {
      const ended = await desktopApi().call(satelliteId, 'schedules.delete', { id: target.id });
      useSchedulesStore.getState().applySchedule(satelliteId, ended);
      show({ kind: 'success', text: `Ended ${target.label}` });
      navigate(['schedules']);
    } catch (error) {
      toastError(`Could not end ${target.label}`, error);
    } finally {
      setWorking(undefined);
    }
  }

  return (
    <div className="editor-actions">
      {general && (
        <p className="notice notice--error" role="alert" data-testid="editor-error">
          {general}
        </p>
      )}
      {invalid && <p className="field__problem">Some fields need attention (marked above).</p>}
      <div className="form-actions">
        <button type="submit" className="primary" data-testid="editor-save" disabled={busy || readOnly || (!isNew && !dirty)}>
          {busy ? 'Saving…' : isNew ? 'Create schedule' : 'Save'}
        </button>
        {schedule && !schedule.ended && (
          <>
            <button type="button" data-testid="editor-run-now" disabled={working !== undefined} onClick={() => void runNow(schedule)}>
              {working === 'run' ? 'Starting…' : '▶ Run now'}
            </button>
            <button type="button" className="danger" data-testid="editor-delete" disabled={working !== undefined || readOnly} onClick={() => void remove(schedule)}>
              {working === 'delete' ? 'Ending…' : 'Delete'}
            </button>
          </>
        )}
        <a href="#/schedules" className="editor-actions__cancel">
          Cancel
        </a>
      </div>
    </div>
  );
}
