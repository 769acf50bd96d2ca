import type { SatelliteView } from '@taskomatic/shared/ipc';
import { OutcomeStrip, StatusBadge } from '../../components/status-badge';
import { SatelliteBadge } from '../../components/satellite-badge';
import { TimeText } from '../../components/time-text';
import { hashOf } from '../../stores/router-store';
import { CronWords } from './cron-words';
import { formatOverdue, overdueMs } from './overdue';
import { ActiveSwitch } from './pause-dialog';
import { lastRun, type ScheduleOutcomes } from './recent-outcomes';
import { orgLabel, type ScheduleRow as Row } from './schedule-list';

/** What a row can do; absent while its satellite cannot be reached. */
export interface RowActions {
  readonly toggleSelected: () => void;
  readonly pause: () => void;
  readonly resume: () => void;
  readonly runNow: () => void;
}

/**
 * One schedule: satellite, label, bunch, org, cron and its words, next fire (or how overdue it is), last result
 * and recent outcomes, active switch. A satellite-level schedule shown to an org admin is locked: grey, read-only.
 */
export function ScheduleRow({ row, satellite, outcomes, outcomesFailed, satelliteNow, selected, cursor, actions }: {
  row: Row;
  satellite: SatelliteView | undefined;
  outcomes: ScheduleOutcomes | undefined;
  outcomesFailed: string | undefined;
  satelliteNow: number;
  selected: boolean;
  cursor: boolean;
  actions: RowActions | undefined;
}) {
  const { schedule } = row;
  const locked = schedule.locked === true;
  const editable = !locked && actions !== undefined;
  const late = overdueMs(schedule, satelliteNow);
  const last = lastRun(outcomes);
  const editHash = hashOf(['schedules', row.satelliteId, schedule.id]);
  const classes = ['schedule-row', locked ? 'schedule-row--locked' : '', row.stale ? 'stale' : '', cursor ? 'schedule-row--cursor' : '', selected ? 'schedule-row--selected' : ''];

  return (
    <tr className={classes.filter(Boolean).join(' ')} data-testid="schedule-row" data-satellite={row.satelliteName} data-label={schedule.label} data-paused={schedule.paused ? 'true' : 'false'} data-locked={locked ? 'true' : undefined} title={row.stale ? `${row.satelliteName} did not answer: last known data` : undefined}>
      <td className="schedule-row__select">
        <input type="checkbox" data-testid="schedule-select" aria-label={`Select ${schedule.label} on ${row.satelliteName}`} checked={selected} disabled={!editable} onChange={() => actions?.toggleSelected()} />
      </td>
      <td>
        <SatelliteBadge satellite={satellite} dot />
      </td>
      <td className="schedule-row__label">
        {locked ? (
          <span title="Satellite-level work, shown for information only: you may not change it">
            {schedule.label} <span className="locked-tag">locked</span>
          </span>
        ) : (
          <a href={editHash} data-testid="schedule-open">
            {schedule.label}
          </a>
        )}
        {schedule.paused && schedule.pauseReason && (
          <div className="schedule-row__reason" title={schedule.pauseReason}>
            Paused: {schedule.pauseReason}
          </div>
        )}
      </td>
      <td className="schedule-row__bunch">{schedule.bunch}</td>
      <td className={`schedule-row__org ${schedule.orgId === undefined ? 'muted' : ''}`}>{orgLabel(schedule)}</td>
      <td className="schedule-row__cron">
        <CronWords schedule={schedule} satellite={satellite} />
      </td>
      <td className="schedule-row__next">
        {schedule.paused ? (
          <span className="muted">paused</span>
        ) : late !== undefined ? (
          <span title={`Was due ${schedule.nextFireTime?.toISOString() ?? ''}`}>
            <StatusBadge status="OVERDUE" title={formatOverdue(late)} /> <span className="schedule-row__overdue">{formatOverdue(late)}</span>
          </span>
        ) : (
          <TimeText date={schedule.nextFireTime} satellite={satellite} relative />
        )}
      </td>
      <td className="schedule-row__outcomes">
        {locked ? (
          <span className="muted">—</span>
        ) : last ? (
          <a href={hashOf(['runs', row.satelliteId, last.bunchRunId])} className="schedule-row__last" title="Open this run">
            <StatusBadge status={last.status} /> <TimeText date={last.dueTime} satellite={satellite} style="datetime" />
          </a>
        ) : (
          <span className="muted" title={outcomesFailed}>
            {outcomesFailed ? 'unknown' : 'no run in 14 days'}
          </span>
        )}
        {!locked && outcomes && outcomes.recent.length > 1 && (
          <div title={outcomes.band ? bandWords(outcomes.band) : 'Latest runs, oldest first'}>
            <OutcomeStrip statuses={outcomes.recent.map((run) => run.status)} />
          </div>
        )}
      </td>
      <td>
        <div className="schedule-row__controls">
        <ActiveSwitch active={!schedule.paused} disabled={!editable} title={locked ? 'Satellite-level: not yours to change' : schedule.paused ? 'Resume' : 'Pause…'} onToggle={() => (schedule.paused ? actions?.resume() : actions?.pause())} />
        {!locked && (
          <button type="button" className="schedule-row__run" data-testid="schedule-run-now" disabled={!editable} onClick={() => actions?.runNow()} title="Run once now">
            ▶ Run now
          </button>
        )}
        </div>
      </td>
    </tr>
  );
}

function bandWords(band: NonNullable<ScheduleOutcomes['band']>): string {
  const counts = Object.entries(band.byStatus)
    .map(([status, count]) => `${count} ${status.toLowerCase().replace('_', ' ')}`)
    .join(', ');
  return `${band.count} runs in 14 days: ${counts}`;
}
