/**
 * The time presets of the schedule editor (hourly, daily, weekly, monthly) and the Quartz cron each one writes.
 * A cron written by hand that says the same thing is recognised again, so editing a schedule opens on its preset.
 */

/** Quartz day-of-week names, Monday first as people read a week. */
export const WEEKDAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export type CronPreset =
  | { readonly kind: 'hourly'; readonly minute: number }
  | { readonly kind: 'daily'; readonly hour: number; readonly minute: number }
  | { readonly kind: 'weekly'; readonly days: ReadonlyArray<Weekday>; readonly hour: number; readonly minute: number }
  /** `day: 'last'` is Quartz's `L`: the last day of each month. */
  | { readonly kind: 'monthly'; readonly day: number | 'last'; readonly hour: number; readonly minute: number };

export type PresetKind = CronPreset['kind'];

/** The cron a preset writes: seconds first, `?` in the day field it leaves free. */
export function presetCron(preset: CronPreset): string {
  const { minute } = preset;
  switch (preset.kind) {
    case 'hourly':
      return `0 ${minute} * * * ?`;
    case 'daily':
      return `0 ${minute} ${preset.hour} * * ?`;
    case 'weekly': {
      // Written in week order whatever order they were ticked in; no day at all would be invalid, so Monday.
      const days = WEEKDAYS.filter((day) => preset.days.includes(day));
      return `0 ${minute} ${preset.hour} ? * ${(days.length > 0 ? days : ['MON']).join(',')}`;
    }
    case 'monthly':
      return `0 ${minute} ${preset.hour} ${preset.day === 'last' ? 'L' : preset.day} * ?`;
  }
}

/** A preset of the given kind that keeps what it can (the time of day) from the one before. */
export function switchPreset(kind: PresetKind, from: CronPreset | undefined): CronPreset {
  const minute = from?.minute ?? 0;
  const hour = from && from.kind !== 'hourly' ? from.hour : 2;
  switch (kind) {
    case 'hourly':
      return { kind, minute };
    case 'daily':
      return { kind, hour, minute };
    case 'weekly':
      return { kind, days: from?.kind === 'weekly' ? from.days : ['MON'], hour, minute };
    case 'monthly':
      return { kind, day: from?.kind === 'monthly' ? from.day : 1, hour, minute };
  }
}

const QUARTZ_DAY_NUMBERS: Readonly<Record<string, Weekday>> = { '1': 'SUN', '2': 'MON', '3': 'TUE', '4': 'WED', '5': 'THU', '6': 'FRI', '7': 'SAT' };

function int(text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined || !/^\d{1,2}$/.test(text)) return undefined;
  const value = Number(text);
  return value >= min && value <= max ? value : undefined;
}

/** "every day" in the two day fields: `* ?`, `? *` or `? ?`-free spellings. */
function everyDay(dayOfMonth: string, dayOfWeek: string): boolean {
  return (dayOfMonth === '*' && dayOfWeek === '?') || (dayOfMonth === '?' && dayOfWeek === '*');
}

function weekdays(text: string): ReadonlyArray<Weekday> | undefined {
  const days: Weekday[] = [];
  for (const item of text.split(',')) {
    const day = (WEEKDAYS as ReadonlyArray<string>).includes(item) ? (item as Weekday) : QUARTZ_DAY_NUMBERS[item];
    if (!day) return undefined;
    if (!days.includes(day)) days.push(day);
  }
  return WEEKDAYS.filter((day) => days.includes(day));
}

/** The preset a cron expression is, or undefined when only raw cron can say it. */
export function presetOf(cron: string): CronPreset | undefined {
  const fields = cron.trim().toUpperCase().split(/\s+/);
  if (fields.length === 7 && fields[6] === '*') fields.pop();
  if (fields.length !== 6 || fields[0] !== '0') return undefined;
  const [, minuteText, hourText, dayOfMonth = '', month, dayOfWeek = ''] = fields;
  const minute = int(minuteText, 0, 59);
  if (minute === undefined || month !== '*') return undefined;
  if (hourText === '*') return everyDay(dayOfMonth, dayOfWeek) ? { kind: 'hourly', minute } : undefined;
  const hour = int(hourText, 0, 23);
  if (hour === undefined) return undefined;
  if (everyDay(dayOfMonth, dayOfWeek)) return { kind: 'daily', hour, minute };
  if (dayOfMonth === '?') {
    const days = weekdays(dayOfWeek);
    return days ? { kind: 'weekly', days, hour, minute } : undefined;
  }
  if (dayOfWeek !== '?') return undefined;
  if (dayOfMonth === 'L') return { kind: 'monthly', day: 'last', hour, minute };
  const day = int(dayOfMonth, 1, 31);
  return day === undefined ? undefined : { kind: 'monthly', day, hour, minute };
}
