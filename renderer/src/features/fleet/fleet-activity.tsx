import type { SatelliteView } from '@taskomatic/shared/ipc';
import { StatusBadge } from '../../components/status-badge';
import { TimeText } from '../../components/time-text';
import type { TimeStyle } from '../../lib/time-format';
import { hashOf } from '../../stores/router-store';
import { bunchRuns, failedRuns, missedFires, nextFires, overdueSchedules, type FleetData } from './fleet-facts';

/** How many upcoming fires a card lists. */
const NEXT_FIRES = 3;
/** How many running runs a card lists by name (the count says the rest). */
const RUNNING_SHOWN = 3;

/** A time within the next 12 hours reads well without its date; a later one needs it. */
export function timeStyle(date: Date | undefined, nowMs: number): TimeStyle {
  return date && Math.abs(date.getTime() - nowMs) < 12 * 3_600_000 ? 'time' : 'datetime';
}

/** The numbers of a card (running, failed, late) and its lists (what runs, what comes next). */
export function FleetActivity({ satellite, data, serverNow }: { satellite: SatelliteView; data: FleetData; serverNow: number }) {
  const running = bunchRuns(data.running);
  const failed = failedRuns(data);
  const overdue = overdueSchedules(data.schedules, serverNow);
  const missed = missedFires(data);
  const upcoming = nextFires(data.schedules, serverNow, NEXT_FIRES);
  const latestFailure = failed[0];
  return (
    <>
      <div className="fleet-stats">
        <div className="fleet-stat" data-testid="fleet-running" data-count={running.length}>
          <span className="fleet-stat__value">{running.length}</span>
          <span className="fleet-stat__label">running now</span>
        </div>
        <div className={`fleet-stat ${failed.length > 0 ? 'fleet-stat--bad' : ''}`} data-testid="fleet-failures" data-count={failed.length}>
          <span className="fleet-stat__value">
            {failed.length}
            {data.problemsCapped ? '+' : ''}
          </span>
          <span className="fleet-stat__label">failed in 24 h</span>
          {latestFailure && (
            <a className="fleet-stat__link" href={hashOf(['runs', satellite.id, latestFailure.bunchRunId])}>
              last: {latestFailure.label ?? latestFailure.bunch}
            </a>
          )}
        </div>
        <div className={`fleet-stat ${overdue.length + missed > 0 ? 'fleet-stat--warn' : ''}`} data-testid="fleet-late" data-overdue={overdue.length} data-missed={missed}>
          <span className="fleet-stat__value">{overdue.length + missed}</span>
          <span className="fleet-stat__label">
            {overdue.length} overdue · {missed} missed
          </span>
        </div>
      </div>
      {running.length > 0 && (
        <ul className="fleet-list" aria-label="Running now">
          {running.slice(0, RUNNING_SHOWN).map((run) => (
            <li key={run.bunchRunId}>
              <StatusBadge status="RUNNING" /> <a href={hashOf(['runs', satellite.id, run.bunchRunId])}>{run.label ?? run.bunch}</a>
              <span className="muted"> since <TimeText date={run.startTime} satellite={satellite} style="time" /></span>
            </li>
          ))}
          {running.length > RUNNING_SHOWN && <li className="muted">and {running.length - RUNNING_SHOWN} more</li>}
        </ul>
      )}
      <section className="fleet-next" data-testid="fleet-next-fires" aria-label="Next fires">
        <h3>Next fires</h3>
        {upcoming.length === 0 ? (
          <p className="muted">Nothing scheduled{data.schedules.length > 0 ? ' (every schedule is paused or ended)' : ''}.</p>
        ) : (
          <ul className="fleet-list">
            {upcoming.map((schedule) => (
              <li key={schedule.id}>
                <TimeText date={schedule.nextFireTime} satellite={satellite} style={timeStyle(schedule.nextFireTime, serverNow)} relative />{' '}
                <a href={hashOf(['schedules', satellite.id, schedule.id])}>{schedule.label}</a>
                {schedule.locked && <span className="muted" title="A satellite-level schedule shown for information only"> 🔒</span>}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
