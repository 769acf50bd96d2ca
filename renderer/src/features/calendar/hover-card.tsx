import type { SatelliteView } from '@taskomatic/shared/ipc';
import { SatelliteBadge } from '../../components/satellite-badge';
import { StatusBadge } from '../../components/status-badge';
import { TimeText } from '../../components/time-text';
import { formatDuration } from '../../lib/time-format';
import { bandSummary } from './band-summary';
import type { CalendarItem, CalendarScheduleInfo } from './calendar-items';

/** The hover card: schedule, cron in words, next three fires, last result. One for the whole screen. */
export function HoverCard({ item, schedule, lastRun, satellite, orgName, x, y }: { item: CalendarItem; schedule: CalendarScheduleInfo | undefined; lastRun: CalendarItem | undefined; satellite: SatelliteView | undefined; orgName: string | undefined; x: number; y: number }) {
  const next = schedule ? schedule.times.filter((time) => time.getTime() >= Date.now()).slice(0, 3) : [];
  return (
    <div className="calendar-hover-card card" data-testid="calendar-hover-card" style={{ left: Math.min(x + 12, window.innerWidth - 340), top: Math.min(y + 12, window.innerHeight - 240) }}>
      <div>
        <SatelliteBadge satellite={satellite} /> <strong>{schedule?.label ?? item.label}</strong>
      </div>
      <div className="muted" data-testid="calendar-hover-org">
        {item.bunch} · {orgName ?? 'satellite-level'}
      </div>
      {item.locked && item.orgId === undefined && <div className="muted">Satellite-level work: shown for information only</div>}
      {schedule?.cronDescription && (
        <div>
          {schedule.cronDescription} <span className="muted">({schedule.timeZone})</span>
        </div>
      )}
      {item.band && <div>{bandSummary(item.band)}</div>}
      {item.kind === 'run' ? (
        <div>
          <StatusBadge status={item.status} /> <TimeText date={new Date(item.start)} satellite={satellite} />
        </div>
      ) : (
        <div>
          Starts <TimeText date={new Date(item.start)} satellite={satellite} />
        </div>
      )}
      {schedule?.expectedSeconds !== undefined && (
        <div className="muted">
          Usually {formatDuration(schedule.expectedSeconds * 1000)}
          {schedule.expectedSecondsP95 !== undefined && `, up to ${formatDuration(schedule.expectedSecondsP95 * 1000)} (95%)`}
        </div>
      )}
      {next.length > 0 && (
        <div>
          Next:{' '}
          {next.map((time, index) => (
            <span key={time.getTime()}>
              {index > 0 && ' · '}
              <TimeText date={time} satellite={satellite} />
            </span>
          ))}
        </div>
      )}
      {lastRun && (
        <div>
          Last result: <StatusBadge status={lastRun.status} /> <TimeText date={new Date(lastRun.start)} satellite={satellite} relative />
        </div>
      )}
    </div>
  );
}
