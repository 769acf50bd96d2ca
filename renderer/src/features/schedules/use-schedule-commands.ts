import { useState } from 'react';
import { useRouterStore } from '../../stores/router-store';
import { useToastsStore } from '../../stores/toasts-store';
import { describeTargets } from './bulk-bar';
import { bulk, pauseSchedule, resumeSchedule, runScheduleNow, type BulkOutcome } from './schedule-actions';
import type { ScheduleRow } from './schedule-list';

/** "…; 2 failed: nightly on sat-2 (sat-2 is offline), …" */
function failures(outcome: BulkOutcome<unknown>, rows: ReadonlyArray<ScheduleRow>): string {
  if (outcome.failed.length === 0) return '';
  const name = (satelliteId: string) => rows.find((row) => row.satelliteId === satelliteId)?.satelliteName ?? satelliteId;
  const listed = outcome.failed.slice(0, 3).map((item) => `${item.schedule.label} on ${name(item.satelliteId)} (${item.message})`);
  return `; ${outcome.failed.length} failed: ${listed.join(', ')}${outcome.failed.length > 3 ? ', …' : ''}`;
}

/** Pause (after asking why), resume and run now, for one row or a selection, with a toast saying what happened. */
export function useScheduleCommands(onDone: () => void) {
  const [busy, setBusy] = useState(false);
  const [pausing, setPausing] = useState<ReadonlyArray<ScheduleRow> | undefined>();
  const show = useToastsStore((state) => state.show);
  const navigate = useRouterStore((state) => state.navigate);

  /** Runs `action` on every row; one toast for all, with `open` as its action when a single one succeeded. */
  async function apply<T>(rows: ReadonlyArray<ScheduleRow>, verb: string, action: (satelliteId: string, schedule: ScheduleRow['schedule']) => Promise<T>, open?: (satelliteId: string, result: T) => () => void): Promise<void> {
    if (rows.length === 0) return;
    setBusy(true);
    try {
      const outcome = await bulk(rows, action);
      const done = rows.filter((row) => outcome.done.some((item) => item.satelliteId === row.satelliteId && item.schedule.id === row.schedule.id));
      const text = done.length > 0 ? `${verb} ${describeTargets(done)}` : `Nothing ${verb.toLowerCase()}`;
      const [only] = outcome.done;
      const single = open && only && outcome.done.length === 1 ? { action: { label: 'Open run', run: open(only.satelliteId, only.result) } } : {};
      show({ kind: outcome.failed.length > 0 ? 'error' : 'success', text: `${text}${failures(outcome, rows)}`, ...single });
      if (done.length > 0) onDone();
    } finally {
      setBusy(false);
    }
  }

  return {
    busy,
    /** The rows the pause dialog is asking about. */
    pausing,
    askPause: (rows: ReadonlyArray<ScheduleRow>) => setPausing(rows.filter((row) => !row.schedule.paused)),
    cancelPause: () => setPausing(undefined),
    async confirmPause(reason: string) {
      const rows = pausing ?? [];
      await apply(rows, 'Paused', (satelliteId, schedule) => pauseSchedule(satelliteId, schedule, reason));
      setPausing(undefined);
    },
    async resume(rows: ReadonlyArray<ScheduleRow>) {
      await apply(
        rows.filter((row) => row.schedule.paused),
        'Resumed',
        (satelliteId, schedule) => resumeSchedule(satelliteId, schedule),
      );
    },
    async runNow(rows: ReadonlyArray<ScheduleRow>) {
      await apply(rows, 'Started', runScheduleNow, (satelliteId, queued) => () => navigate(['runs', satelliteId, queued.bunchRunId]));
    },
  };
}
