// The pure schedule code: Quartz cron parsing, fire times on a zone's wall clock under the daylight-saving rule,
// occurrence windows and plain-English descriptions. No clock and no I/O: instants in, instants out.
export type {
  CronDayRule,
  CronErrorField,
  CronExpression,
  CronField,
  CronFieldName,
  CronFieldPart,
} from './cron-expression.js';
export { CRON_MAX_YEAR, CRON_MIN_YEAR } from './cron-expression.js';
export { CronSyntaxError } from './cron-syntax-error.js';
export { parseCron } from './cron-parse.js';
export { validateCron } from './validate-cron.js';
export type { CronValidation } from './validate-cron.js';
export { fieldHas, fieldValues } from './cron-field.js';
export { nextFireTime, nextFireTimes } from './next-fire.js';
export { occurrences } from './occurrences.js';
export type { Occurrences } from './occurrences.js';
export {
  UnknownTimeZoneError,
  canonicalTimeZone,
  isValidTimeZone,
  offsetSpanAt,
  timeZoneOffset,
  wallTimeToInstant,
} from './time-zone.js';
export type { OffsetSpan } from './time-zone.js';
export { nextScheduledFire, scheduledFires } from './schedule-fires.js';
export type { OccurrenceException, ScheduleTiming, ScheduledFire } from './schedule-fires.js';
export { describeCron } from './describe.js';
export { checkReschedule, refusalReason, snapToWallClock } from './reschedule-check.js';
export type { RescheduleCheck, RescheduleDrop, RescheduleRefusalCode } from './reschedule-check.js';
export { shiftCron } from './cron-shift.js';
export type { CronShift } from './cron-shift.js';
export { findCollisions } from './collisions.js';
export type { Collision, LaneBlock } from './collisions.js';
export { splitSeries } from './series-split.js';
export type { SeriesSplit, SeriesSplitRequest } from './series-split.js';
