import type { ScheduleInfo } from '@taskomatic/shared';
import type { SatelliteView } from '@taskomatic/shared/ipc';
import { SatelliteBadge } from '../../components/satellite-badge';
import { TimeText } from '../../components/time-text';
import type { SatelliteSlice } from '../../lib/per-satellite';
import { hashOf } from '../../stores/router-store';
import { isReachable } from '../../stores/satellites-store';
import { timeStyle } from './fleet-activity';
import { nextFires, type FleetData } from './fleet-facts';
import { UpcomingStripView } from './upcoming-strip-view';

const DAY_MS = 86_400_000;
/** How many fires the merged list shows. */
const SHOWN = 10;

interface Upcoming {
  readonly satellite: SatelliteView;
  readonly schedule: ScheduleInfo;
}

/** The next 24 hours across satellites: every fire on a strip, then the next fire of each schedule, soonest first. */
export function ComingUp({ satellites, slices, nowMs }: { satellites: ReadonlyArray<SatelliteView>; slices: Readonly<Record<string, SatelliteSlice<FleetData>>>; nowMs: number }) {
  const upcoming: Upcoming[] = satellites.flatMap((satellite) => {
    const schedules = slices[satellite.id]?.data?.schedules ?? [];
    const serverNow = nowMs + (satellite.health?.clockSkewMs ?? 0);
    return nextFires(schedules, serverNow, schedules.length)
      .filter((schedule) => (schedule.nextFireTime?.getTime() ?? Infinity) < serverNow + DAY_MS)
      .map((schedule) => ({ satellite, schedule }));
  });
  upcoming.sort((a, b) => (a.schedule.nextFireTime?.getTime() ?? 0) - (b.schedule.nextFireTime?.getTime() ?? 0));
  return (
    <section className="card coming-up" data-testid="coming-up" aria-label="Coming up">
      <h2>Next 24 hours</h2>
      <UpcomingStripView satellites={satellites} slices={slices} nowMs={nowMs} />
      <p className="muted coming-up__hint">
        The next fire of each schedule, across satellites · <a href="#/calendar">Calendar</a> · <a href="#/schedules">All schedules</a>
      </p>
      {upcoming.length === 0 ? (
        <p className="muted">No schedule fires in the next 24 hours.</p>
      ) : (
        <ul className="fleet-list">
          {upcoming.slice(0, SHOWN).map(({ satellite, schedule }) => (
            <li key={`${satellite.id}:${schedule.id}`} className={isStale(satellite, slices[satellite.id]) ? 'stale' : undefined}>
              <TimeText date={schedule.nextFireTime} satellite={satellite} style={timeStyle(schedule.nextFireTime, nowMs)} relative /> <SatelliteBadge satellite={satellite} />{' '}
              <a href={hashOf(['schedules', satellite.id, schedule.id])}>{schedule.label}</a>
              {schedule.cronDescription && <span className="muted"> · {schedule.cronDescription}</span>}
            </li>
          ))}
          {upcoming.length > SHOWN && <li className="muted">and {upcoming.length - SHOWN} more</li>}
        </ul>
      )}
    </section>
  );
}

/** Fires read from a satellite that no longer answers: shown greyed, they may have moved. */
function isStale(satellite: SatelliteView, slice: SatelliteSlice<FleetData> | undefined): boolean {
  return !isReachable(satellite) || slice?.status === 'error';
}
