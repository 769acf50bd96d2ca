import type { ScheduleInfo } from '@taskomatic/shared';
import type { SatelliteView } from '@taskomatic/shared/ipc';
import { describeCron, parseCron } from '@taskomatic/shared/schedule';
import { TimeText } from '../../components/time-text';

/** A cron in words: the server's description, else the same shared code run here; undefined when it does not parse. */
export function cronSentence(cron: string, serverWords?: string): string | undefined {
  if (serverWords) return serverWords;
  try {
    return describeCron(parseCron(cron));
  } catch {
    return undefined;
  }
}

/** A schedule's timing as the list shows it: the raw cron, its sentence, and the zone it is evaluated in. */
export function CronWords({ schedule, satellite }: { schedule: Pick<ScheduleInfo, 'kind' | 'cron' | 'cronDescription' | 'timeZone' | 'runAt'>; satellite: SatelliteView | undefined }) {
  if (schedule.kind === 'once' || !schedule.cron) {
    return (
      <span>
        Once, <TimeText date={schedule.runAt} satellite={satellite} />
      </span>
    );
  }
  return (
    <span className="cron-words">
      <code className="cron-words__cron">{schedule.cron}</code>
      <span className="cron-words__sentence">
        {cronSentence(schedule.cron, schedule.cronDescription) ?? '—'} <span className="muted">({schedule.timeZone})</span>
      </span>
    </span>
  );
}
