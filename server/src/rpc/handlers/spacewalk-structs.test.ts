import { describe, expect, it } from 'vitest';
import type { RunView } from '../../db/repos/runs-repo.js';
import type { ScheduleView } from '../../db/repos/schedules-repo.js';
import { toSpacewalkRun, toSpacewalkSchedule } from './spacewalk-structs.js';

const at = (iso: string) => Date.parse(iso);

const schedule: ScheduleView = {
  id: 7,
  label: 'nightly',
  bunchId: 3,
  bunch: 'repo-sync-bunch',
  orgId: 2,
  org: 'org-a',
  kind: 'cron',
  cron: '0 0 2 * * ?',
  timeZone: 'Europe/Prague',
  runAt: null,
  activeFrom: null,
  activeTill: null,
  params: { channel: 'sles' },
  overlapPolicy: 'SKIP',
  misfirePolicy: 'RUN_ONCE',
  paused: false,
  pauseReason: null,
  version: 3,
  nextFireAt: at('2027-01-05T01:00:00Z'),
  endedAt: null,
  endReason: null,
  createdAt: 0,
  updatedAt: 0,
  createdBy: 'admin',
};

const run: RunView = {
  id: 40,
  bunchRunId: 12,
  scheduleId: null,
  scheduleLabel: null,
  bunch: 'ok-bunch',
  orgId: null,
  position: 0,
  task: 'ok',
  status: 'SKIPPED',
  statusReason: 'the earlier step failed',
  trigger: 'manual',
  dueAt: at('2027-01-04T10:00:00Z'),
  createdAt: 0,
  startTime: null,
  endTime: null,
  exitCode: null,
  stdoutBytes: 0,
  stderrBytes: 5,
  stdoutDropped: 0,
  stderrDropped: 0,
  fireCount: 1,
};

describe('Spacewalk structs', () => {
  it('maps a schedule with Spacewalk field names, leaving absent values out', () => {
    const struct = toSpacewalkSchedule(schedule);
    expect(struct).toEqual({
      id: 7,
      job_label: 'nightly',
      bunch: 'repo-sync-bunch',
      cron_expr: '0 0 2 * * ?',
      data_map: { channel: 'sles' },
      org_id: 2,
      time_zone: 'Europe/Prague',
      next_fire_time: new Date('2027-01-05T01:00:00Z'),
      paused: false,
      version: 3,
    });
    expect(Object.values(struct)).not.toContain(undefined);
    expect(toSpacewalkSchedule({ ...schedule, kind: 'once', cron: null, orgId: null, runAt: 1 })).not.toHaveProperty('cron_expr');
  });

  it("shows an ended schedule's end as active_till, as Spacewalk's unschedule did", () => {
    const ended = { ...schedule, nextFireAt: null, endedAt: at('2027-01-04T12:00:00Z') };
    expect(toSpacewalkSchedule(ended).active_till).toEqual(new Date('2027-01-04T12:00:00Z'));
    expect(toSpacewalkSchedule({ ...ended, activeTill: at('2027-01-10T00:00:00Z') }).active_till).toEqual(new Date('2027-01-04T12:00:00Z'));
    // A window that closed before the end stays as it was.
    expect(toSpacewalkSchedule({ ...ended, activeTill: at('2027-01-03T00:00:00Z') }).active_till).toEqual(new Date('2027-01-03T00:00:00Z'));
    expect(toSpacewalkSchedule({ ...schedule, activeTill: at('2027-02-01T00:00:00Z') }).active_till).toEqual(new Date('2027-02-01T00:00:00Z'));
  });

  it('maps a run, with the log flags from the stored sizes', () => {
    const struct = toSpacewalkRun(run);
    expect(struct).toEqual({
      id: 40,
      task: 'ok',
      status: 'SKIPPED',
      stdOutputPath: false,
      stdErrorPath: true,
      bunch: 'ok-bunch',
      bunch_run_id: 12,
      due_time: new Date('2027-01-04T10:00:00Z'),
      status_reason: 'the earlier step failed',
    });
    expect(Object.values(struct)).not.toContain(undefined);
    expect(toSpacewalkRun({ ...run, scheduleId: 9, startTime: 1, endTime: 2, exitCode: 0 })).toMatchObject({
      schedule_id: 9,
      start_time: new Date(1),
      end_time: new Date(2),
      exit_code: 0,
    });
  });
});
