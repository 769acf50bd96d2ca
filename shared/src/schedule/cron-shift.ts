import { MINUTE_MS } from './calendar.js';
import type { CronDayRule, CronExpression } from './cron-expression.js';
import { fieldIsFull, fieldValues } from './cron-field.js';
import { renderFieldValues } from './cron-field-render.js';
import { parseCron } from './cron-parse.js';

// "All occurrences" on the calendar rewrites the cron so that every fire moves by the same wall-clock delta. That
// is possible only when the shifted fire times still form cron's grid (hours x minutes, on days cron can name);
// otherwise the calendar disables the choice and shows the reason returned here.

/** The shifted cron, or why the shift cannot be written as a cron. */
export type CronShift = { readonly ok: true; readonly cron: string } | { readonly ok: false; readonly reason: string };

const MINUTES_PER_DAY = 1440;
const WEEKDAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
/** The last day every month has: a day-of-month up to it moves within any month without leaving it. */
const SAFE_LAST_DAY = 28;

/**
 * Shifts every fire of a Quartz cron `expression` by `deltaMs` (whole minutes, either sign) of wall-clock time:
 * `0 30 2 * * ?` + 45 min -> `0 15 3 * * ?`; `0 0/15 * * * ?` + 5 min -> `0 5/15 * * * ?`. A shift across midnight
 * moves day-of-week and day-of-month values when all fires cross it together. Fields the shift does not touch keep
 * their text. Throws CronSyntaxError for an invalid expression.
 */
export function shiftCron(expression: string, deltaMs: number): CronShift {
  const cron = parseCron(expression);
  if (!Number.isInteger(deltaMs / MINUTE_MS)) return { ok: false, reason: 'only whole minutes can be shifted' };
  const delta = deltaMs / MINUTE_MS;
  const texts = expression.trim().split(/\s+/);
  const hours = fieldValues(cron.hour);
  const minutes = fieldValues(cron.minute);
  const carries = new Set<number>();
  const newHours = new Set<number>();
  const newMinutes = new Set<number>();
  const times = new Set<number>();
  for (const h of hours) {
    for (const m of minutes) {
      const shifted = h * 60 + m + delta;
      const carry = Math.floor(shifted / MINUTES_PER_DAY);
      const timeOfDay = shifted - carry * MINUTES_PER_DAY;
      carries.add(carry);
      newHours.add(Math.floor(timeOfDay / 60));
      newMinutes.add(timeOfDay % 60);
      times.add(timeOfDay);
    }
  }
  const everyDay = runsEveryDay(cron);
  if (carries.size > 1 && !everyDay) {
    return { ok: false, reason: 'the shift moves some fires past midnight and not others, on a schedule that skips days' };
  }
  if (times.size !== newHours.size * newMinutes.size) {
    return { ok: false, reason: `irregular minutes list: the minutes ${texts[1]} would not stay in the same hours` };
  }
  const minuteText =
    delta % 60 === 0 ? texts[1] : renderFieldValues([...newMinutes], { min: 0, max: 59, allowStep: true });
  const sameHours = newHours.size === hours.length && hours.every((h) => newHours.has(h));
  const hourText = sameHours
    ? texts[2]
    : renderFieldValues([...newHours], { min: 0, max: 23, allowStep: cron.hourIsInterval });
  const [carry = 0] = carries;
  const days =
    everyDay || carry === 0
      ? { ok: true as const, dayOfMonth: texts[3], dayOfWeek: texts[5] }
      : shiftDays(cron, texts, carry);
  if (!days.ok) return days;
  const fields = [texts[0], minuteText, hourText, days.dayOfMonth, texts[4], days.dayOfWeek, ...texts.slice(6)];
  const result = fields.join(' ');
  // The fall-back rule differs for interval hours (`*`, `/`): a rewrite must not switch it.
  if (parseCron(result).hourIsInterval !== cron.hourIsInterval) {
    return { ok: false, reason: 'the shifted hours cannot be written as an interval, which would change the daylight-saving rule' };
  }
  return { ok: true, cron: result };
}

type DayTexts = { readonly ok: true; readonly dayOfMonth: string | undefined; readonly dayOfWeek: string | undefined };

/** The day fields moved by `days` (all fires crossed midnight together), or why they cannot be. */
function shiftDays(
  cron: CronExpression,
  texts: ReadonlyArray<string>,
  days: number,
): DayTexts | { readonly ok: false; readonly reason: string } {
  const rule: CronDayRule = cron.day;
  if (rule.kind === 'daysOfWeek') {
    // A fire on the last day of an allowed month would move into a month the schedule does not name.
    if (!fieldIsFull(cron.month) || !fieldIsFull(cron.year)) {
      return { ok: false, reason: 'the shift crosses midnight for a weekly schedule limited to some months or years' };
    }
    const moved = fieldValues(rule.weekdays).map((w) => ((((w - 1 + days) % 7) + 7) % 7) + 1);
    const dayOfWeek = renderFieldValues(moved, { min: 1, max: 7, allowStep: true, names: WEEKDAY_NAMES });
    return { ok: true, dayOfMonth: texts[3], dayOfWeek };
  }
  if (rule.kind === 'daysOfMonth') {
    const values = fieldValues(rule.days);
    const outside = values.find((d) => d > SAFE_LAST_DAY || d + days < 1 || d + days > SAFE_LAST_DAY);
    if (outside !== undefined) {
      return { ok: false, reason: `the shift crosses midnight for a monthly schedule on day ${outside}` };
    }
    const dayOfMonth = renderFieldValues(values.map((d) => d + days), { min: 1, max: 31, allowStep: true });
    return { ok: true, dayOfMonth, dayOfWeek: texts[5] };
  }
  // L, W, nL and n#k name days by their place in the month: the day after is not a day cron can name.
  const written = rule.kind === 'lastDayOfMonth' || rule.kind === 'nearestWeekday' ? texts[3] : texts[5];
  return { ok: false, reason: `the shift crosses midnight, and the days '${written}' cannot move by a day in cron` };
}

/** Every day of every month of every year: fires may cross midnight freely. */
function runsEveryDay(cron: CronExpression): boolean {
  const rule = cron.day;
  const allDays =
    (rule.kind === 'daysOfMonth' && fieldIsFull(rule.days)) || (rule.kind === 'daysOfWeek' && fieldIsFull(rule.weekdays));
  return allDays && fieldIsFull(cron.month) && fieldIsFull(cron.year);
}
