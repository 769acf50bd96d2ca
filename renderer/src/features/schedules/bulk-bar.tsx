import type { ScheduleRow } from './schedule-list';

/**
 * The actions on the selected schedules. Each button says how many it applies to: pausing skips those already
 * paused, resuming those already active.
 */
export function BulkBar({ selected, busy, onPause, onResume, onRunNow, onClear }: {
  selected: ReadonlyArray<ScheduleRow>;
  busy: boolean;
  onPause: () => void;
  onResume: () => void;
  onRunNow: () => void;
  onClear: () => void;
}) {
  if (selected.length === 0) return null;
  const active = selected.filter((row) => !row.schedule.paused).length;
  const paused = selected.length - active;
  const satellites = new Set(selected.map((row) => row.satelliteId)).size;
  return (
    <div className="bulk-bar" role="toolbar" aria-label="Selected schedules" data-testid="bulk-bar">
      <strong>
        {selected.length} selected{satellites > 1 ? ` on ${satellites} satellites` : ''}
      </strong>
      <button type="button" data-testid="bulk-pause" disabled={busy || active === 0} onClick={onPause}>
        Pause {active}…
      </button>
      <button type="button" data-testid="bulk-resume" disabled={busy || paused === 0} onClick={onResume}>
        Resume {paused}
      </button>
      <button type="button" data-testid="bulk-run-now" disabled={busy} onClick={onRunNow}>
        Run {selected.length} now
      </button>
      <button type="button" className="link-button" onClick={onClear} disabled={busy}>
        Clear selection
      </button>
      {busy && <span className="spinner" aria-label="Working" />}
    </div>
  );
}

/** "nightly-base on sat-1", or "3 schedules on 2 satellites". */
export function describeTargets(rows: ReadonlyArray<Pick<ScheduleRow, 'satelliteId' | 'satelliteName' | 'schedule'>>): string {
  const [first] = rows;
  if (rows.length === 1 && first) return `${first.schedule.label} on ${first.satelliteName}`;
  const satellites = new Set(rows.map((row) => row.satelliteId)).size;
  return `${rows.length} schedules${satellites > 1 ? ` on ${satellites} satellites` : ''}`;
}
