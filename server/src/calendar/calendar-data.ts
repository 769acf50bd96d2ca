import type { RunStatus } from '@taskomatic/shared';

// What the calendar service answers: plain data, instants in epoch milliseconds, null for "none".

/** Whose work a calendar shows, decided from the caller's identity (never from parameters). */
export interface CalendarScope {
  /** Schedules and runs shown in full: of every org and the satellite ('all'), or of one org. */
  readonly org: 'all' | number;
  /**
   * With one org: also the occurrences of satellite-level schedules, locked (an org admin whose satellite allows
   * it and who turned it on). Never their runs.
   */
  readonly satelliteLocked: boolean;
}

export interface CalendarQuery {
  readonly from: number;
  readonly to: number;
  readonly scope: CalendarScope;
  /** Schedules with more occurrences than this in the range come as a band (default: 200). */
  readonly bandAbove?: number;
}

/** A bunch run that happened, is happening or waits past its due time. */
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

export type OccurrenceTrigger = 'cron' | 'once' | 'moved' | 'manual';

/** A future fire of a schedule: computed from its timing, or a run already queued for that instant. */
export interface CalendarOccurrenceData {
  readonly scheduleId: number;
  readonly label: string;
  readonly bunch: string;
  readonly orgId: number | null;
  readonly at: number;
  readonly trigger: OccurrenceTrigger;
  /** The regular occurrence a moved one stands for. */
  readonly movedFrom: number | null;
  readonly expectedSeconds: number | null;
  readonly expectedSecondsP95: number | null;
  readonly locked: boolean;
}

/** The future fires of a high-frequency schedule, summarised. */
export interface CalendarBandData {
  readonly scheduleId: number;
  readonly label: string;
  readonly bunch: string;
  readonly orgId: number | null;
  readonly count: number;
  readonly first: number;
  readonly last: number;
  /** The interval, when all gaps are equal. */
  readonly everySeconds: number | null;
  readonly locked: boolean;
}

export interface CalendarData {
  readonly runs: ReadonlyArray<CalendarRunData>;
  readonly occurrences: ReadonlyArray<CalendarOccurrenceData>;
  readonly bands: ReadonlyArray<CalendarBandData>;
  /** Something was cut: a shorter range would show it all. */
  readonly capped: boolean;
  /** The satellite's default zone. */
  readonly timeZone: string;
}
