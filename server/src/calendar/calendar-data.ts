import type { RunStatus } from '@taskomatic/shared';

// What the calendar service answers: plain data, instants in epoch milliseconds, null for "none".

/** Whose work a calendar shows, decided from the caller's identity (never from parameters). */
export interface CalendarScope {
  /** Schedules and runs shown in full: of every org and the satellite ('all'), or of one org. */
  readonly org: 'all' | number;
  /**
   * With one org: also the future fires of satellite-level schedules, locked (an org admin whose satellite
   * allows it and who turned it on). Never their runs.
   */
  readonly satelliteLocked: boolean;
}

export interface CalendarQuery {
  readonly from: number;
  readonly to: number;
  readonly scope: CalendarScope;
  /** Schedules with more future fires, or more past runs, than this in the range come as bands (default: 200). */
  readonly bandAbove?: number;
}

/** A bunch run that happened, is happening, or waits (past its due time, or requested for an instant). */
export interface CalendarRunData {
  readonly bunchRunId: number;
  readonly scheduleId: number | null;
  readonly label: string | null;
  readonly bunch: string;
  readonly orgId: number | null;
  readonly status: RunStatus;
  readonly trigger: string;
  readonly dueAt: number;
  readonly startedAt: number | null;
  readonly endedAt: number | null;
}

/** An occurrence fired at another instant than its regular one. */
export interface MovedFire {
  readonly at: number;
  /** The regular occurrence it stands for. */
  readonly from: number;
}

/** The future fires of a high-frequency schedule, summarised. */
export interface FireBandData {
  readonly count: number;
  readonly first: number;
  readonly last: number;
  /** The interval, when all gaps are equal. */
  readonly everySeconds: number | null;
}

/** One schedule's future in the range: its details once, and its fires as instants (or as a band). */
export interface CalendarScheduleData {
  readonly scheduleId: number;
  readonly label: string;
  readonly bunch: string;
  readonly orgId: number | null;
  readonly kind: 'cron' | 'once';
  readonly cron: string | null;
  readonly cronDescription: string | null;
  /** The zone its cron is read in. */
  readonly timeZone: string;
  readonly expectedSeconds: number | null;
  readonly expectedSecondsP95: number | null;
  /** Shown for information only (a satellite-level schedule seen by an org admin). */
  readonly locked: boolean;
  /** Regular fires (cron or one-time), ascending; empty when the schedule comes as a band. */
  readonly times: ReadonlyArray<number>;
  /** Moved occurrences at their new instants, ascending. */
  readonly moved: ReadonlyArray<MovedFire>;
  readonly band: FireBandData | null;
}

/** A schedule's many past runs in the range, counted by status. */
export interface CalendarRunBandData {
  readonly scheduleId: number;
  readonly label: string;
  readonly bunch: string;
  readonly orgId: number | null;
  readonly count: number;
  /** Due time of the first and the last of them. */
  readonly first: number;
  readonly last: number;
  readonly byStatus: Readonly<Partial<Record<RunStatus, number>>>;
}

export interface CalendarData {
  /** Schedules with future fires in the range, by id. */
  readonly schedules: ReadonlyArray<CalendarScheduleData>;
  /** Runs one by one, by due time: those of a schedule with a run band only when they did not finish. */
  readonly runs: ReadonlyArray<CalendarRunData>;
  /** Schedules with more than `bandAbove` past runs in the range, by id. */
  readonly runBands: ReadonlyArray<CalendarRunBandData>;
  /** Something was cut: a shorter range would show it all. */
  readonly capped: boolean;
  /** The satellite's default zone. */
  readonly timeZone: string;
}
