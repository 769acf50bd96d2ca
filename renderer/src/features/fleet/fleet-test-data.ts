import type { RunInfo, ScheduleInfo } from '@taskomatic/shared';
import type { SatelliteView } from '@taskomatic/shared/ipc';

/** Test data: a task run, a schedule and a satellite with only what a test cares about given. */
export const T0 = Date.UTC(2026, 10, 28, 12, 0, 0);
export const MIN = 60_000;

export function run(partial: Partial<RunInfo> & Pick<RunInfo, 'bunchRunId' | 'status'>): RunInfo {
  return { id: partial.bunchRunId * 10 + (partial.step ?? 1), bunch: 'repo-sync-bunch', step: 1, task: 'repo-sync', trigger: 'cron', dueTime: new Date(T0), stdoutBytes: 0, stderrBytes: 0, droppedBytes: 0, fireCount: 1, ...partial };
}

export function schedule(partial: Partial<ScheduleInfo> & Pick<ScheduleInfo, 'id'>): ScheduleInfo {
  return {
    label: `schedule-${partial.id}`, bunch: 'repo-sync-bunch', kind: 'cron', cron: '0 0 * * * ?', timeZone: 'UTC', params: {}, overlapPolicy: 'SKIP', misfirePolicy: 'RUN_ONCE',
    paused: false, version: 1, ended: false, exceptions: [], createdAt: new Date(T0 - 86_400_000), updatedAt: new Date(T0 - 86_400_000), createdBy: 'admin', ...partial,
  };
}

export function satellite(partial: Partial<SatelliteView> & Pick<SatelliteView, 'id'>): SatelliteView {
  return { name: partial.id, url: 'http://127.0.0.1:1', username: 'admin', colour: '#2563eb', glyph: '●', passwordSaved: true, status: 'connected', ...partial };
}

/** No fires in the next 24 hours. */
export const NO_UPCOMING = { upcoming: { schedules: [], runs: [], runBands: [], capped: false, timeZone: 'UTC' }, upcomingFrom: T0 } as const;
