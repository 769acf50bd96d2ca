import type { ScheduleInfo } from '@taskomatic/shared';
import { IpcError } from '@taskomatic/shared/ipc';
import { desktopApi } from '../../api';
import { useSchedulesStore } from '../../stores/schedules-store';

/** True for an API fault of the given name. */
export function isFault(error: unknown, fault: string): boolean {
  return error instanceof IpcError && error.info.kind === 'fault' && error.info.fault === fault;
}

/**
 * Sends a pause or resume at the version the list shows. When someone changed the schedule meanwhile, it is read
 * again and, unless it is already as asked, sent once more at its new version: pausing or resuming touches only
 * that flag, so it cannot undo the other person's change.
 */
async function withFreshVersion(satelliteId: string, schedule: ScheduleInfo, wanted: (current: ScheduleInfo) => boolean, send: (version: number) => Promise<ScheduleInfo>): Promise<ScheduleInfo> {
  let result: ScheduleInfo;
  try {
    result = await send(schedule.version);
  } catch (error) {
    if (!isFault(error, 'VERSION_CONFLICT')) throw error;
    const current = await desktopApi().call(satelliteId, 'schedules.get', { id: schedule.id });
    result = wanted(current) ? current : await send(current.version);
  }
  useSchedulesStore.getState().applySchedule(satelliteId, result);
  return result;
}

/** Pauses a schedule with the reason others will see. */
export function pauseSchedule(satelliteId: string, schedule: ScheduleInfo, reason: string): Promise<ScheduleInfo> {
  return withFreshVersion(satelliteId, schedule, (current) => current.paused, (version) => desktopApi().call(satelliteId, 'schedules.pause', { id: schedule.id, version, reason }));
}

/** Resumes a paused schedule from now on. */
export function resumeSchedule(satelliteId: string, schedule: ScheduleInfo): Promise<ScheduleInfo> {
  return withFreshVersion(satelliteId, schedule, (current) => !current.paused, (version) => desktopApi().call(satelliteId, 'schedules.resume', { id: schedule.id, version }));
}

/** Runs a schedule's bunch once, now, with its parameters. */
export function runScheduleNow(satelliteId: string, schedule: Pick<ScheduleInfo, 'id'>): Promise<{ bunchRunId: number; dueTime: Date }> {
  return desktopApi().call(satelliteId, 'schedules.runNow', { id: schedule.id });
}

/** What a bulk action did: how many succeeded and, for each failure, the schedule and why. */
export interface BulkOutcome<T> {
  readonly done: ReadonlyArray<{ readonly satelliteId: string; readonly schedule: ScheduleInfo; readonly result: T }>;
  readonly failed: ReadonlyArray<{ readonly satelliteId: string; readonly schedule: ScheduleInfo; readonly message: string }>;
}

/**
 * Applies an action to many schedules: one after another on each satellite (a satellite is not flooded), all
 * satellites at once (a slow one does not hold the others back). Every schedule is tried; failures are collected.
 */
export async function bulk<T>(targets: ReadonlyArray<{ readonly satelliteId: string; readonly schedule: ScheduleInfo }>, action: (satelliteId: string, schedule: ScheduleInfo) => Promise<T>): Promise<BulkOutcome<T>> {
  const bySatellite = new Map<string, ScheduleInfo[]>();
  for (const { satelliteId, schedule } of targets) bySatellite.set(satelliteId, [...(bySatellite.get(satelliteId) ?? []), schedule]);
  const done: Array<BulkOutcome<T>['done'][number]> = [];
  const failed: Array<BulkOutcome<T>['failed'][number]> = [];
  await Promise.all(
    [...bySatellite].map(async ([satelliteId, schedules]) => {
      for (const schedule of schedules) {
        try {
          done.push({ satelliteId, schedule, result: await action(satelliteId, schedule) });
        } catch (error) {
          failed.push({ satelliteId, schedule, message: error instanceof Error ? error.message : String(error) });
        }
      }
    }),
  );
  return { done, failed };
}
