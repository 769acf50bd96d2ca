import type { BunchRunDetail, RunInfo } from '@taskomatic/shared';
import type { SatelliteView } from '@taskomatic/shared/ipc';
import { StatusBadge } from '../../components/status-badge';
import { TimeText } from '../../components/time-text';
import { formatBytes, formatDuration } from '../../lib/time-format';
import { runDuration, startIfWords, stepRows, stepsSummary } from './run-summary';
import { useNow } from '../../lib/use-now';

const STATE_WORDS = { next: 'not yet', 'not-reached': 'never reached' } as const;

/** The steps of the bunch: each planned step with its condition, and what it became (status, times, output). */
export function RunSteps({ detail, satellite, selected, onSelect }: { detail: BunchRunDetail; satellite: SatelliteView | undefined; selected: RunInfo | undefined; onSelect: (run: RunInfo) => void }) {
  const rows = stepRows(detail);
  const now = useNow(1000, detail.steps.some((run) => run.status === 'RUNNING'));
  return (
    <section className="card" aria-labelledby="run-steps-title">
      <h2 id="run-steps-title">
        Steps <span className="muted">· {stepsSummary(rows)}</span>
      </h2>
      <table className="data run-steps">
        <thead>
          <tr>
            <th>#</th>
            <th>Task and condition</th>
            <th>Status</th>
            <th>Started</th>
            <th>Duration</th>
            <th>Exit</th>
            <th>Output</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const run = row.run;
            const duration = run ? runDuration(run, now) : undefined;
            return (
              <tr
                key={row.step}
                data-testid="run-step"
                data-task={row.task}
                data-status={run?.status ?? row.state}
                data-state={row.state}
                data-selectable={run ? 'true' : 'false'}
                aria-selected={run !== undefined && run.id === selected?.id}
                onClick={run ? () => onSelect(run) : undefined}
              >
                <td>{row.step}</td>
                <td>
                  {run ? (
                    <button type="button" className="link-button" onClick={(event) => { event.stopPropagation(); onSelect(run); }} aria-label={`Show the log of step ${row.step}, ${row.task}`}>
                      {row.task}
                    </button>
                  ) : (
                    row.task
                  )}
                  <div className="run-steps__condition">{startIfWords(row.startIf, row.step)}</div>
                </td>
                <td>
                  {run ? <StatusBadge status={run.status} /> : <span className="muted">{STATE_WORDS[row.state === 'ran' ? 'next' : row.state]}</span>}
                  {run?.statusReason && <div className="run-detail__reason">{run.statusReason}</div>}
                </td>
                <td>{run?.startTime ? <TimeText date={run.startTime} satellite={satellite} style="time" /> : '—'}</td>
                <td>{duration === undefined ? '—' : formatDuration(duration)}</td>
                <td>{run?.exitCode ?? '—'}</td>
                <td>
                  {run ? `${formatBytes(run.stdoutBytes)} out · ${formatBytes(run.stderrBytes)} err` : '—'}
                  {run && run.droppedBytes > 0 && <div className="run-detail__reason">{formatBytes(run.droppedBytes)} dropped past the log cap</div>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
