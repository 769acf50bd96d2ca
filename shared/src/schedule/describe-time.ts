import { fieldIsFull, fieldValues } from './cron-field.js';
import type { CronExpression, CronField, CronFieldPart } from './cron-expression.js';
import { describeParts, joinWords, ordinal, pad2, plural } from './describe-words.js';

/** The time-of-day part of a description, and whether it already repeats within the day ("Every 15 minutes"). */
export interface TimePhrase {
  readonly text: string;
  readonly repeats: boolean;
}

/** At most this many clock times are listed one by one ("At 06:00 and 18:00"). */
const MAX_LISTED_TIMES = 8;
/** At most this many minutes are listed one by one ("during minutes 0, 15, 30 and 45"). */
const MAX_LISTED_MINUTES = 6;

/** Describes the second, minute and hour fields on a 24-hour clock. */
export function describeTime(cron: CronExpression): TimePhrase {
  const seconds = fieldValues(cron.second);
  const minutes = fieldValues(cron.minute);
  const hours = fieldValues(cron.hour);

  // A handful of fixed times: list them ("At 06:00 and 18:00").
  if (onlySingles(cron.second) && onlySingles(cron.minute) && onlySingles(cron.hour)) {
    // One time a listed hour reads fine however many hours there are.
    const oncePerHour = seconds.length === 1 && minutes.length === 1;
    if (oncePerHour || seconds.length * minutes.length * hours.length <= MAX_LISTED_TIMES) {
      const withSeconds = seconds.some((s) => s !== 0);
      const times = hours.flatMap((h) =>
        minutes.flatMap((m) => seconds.map((s) => clock(h, m, withSeconds ? s : null))),
      );
      return { text: `At ${joinWords(times)}`, repeats: false };
    }
  }
  const [second = 0] = seconds;
  const [minute = 0] = minutes;

  // A fixed minute and second of some hours: "Every hour", "At 30 minutes past every hour".
  if (seconds.length === 1 && minutes.length === 1) {
    if (second === 0 && minute === 0) return { text: wholeHours(cron.hour), repeats: true };
    const past = `${plural(minute, 'minute')}${second === 0 ? '' : ` and ${plural(second, 'second')}`} past`;
    if (fieldIsFull(cron.hour)) return { text: `At ${past} every hour`, repeats: true };
    return { text: `At ${past} the hour, ${hourWindow(cron.hour, [minute, minute])}`, repeats: true };
  }

  // Minutes repeat at a fixed second: "Every 15 minutes", "Every 5 minutes from 14:00 through 14:55".
  if (seconds.length === 1) {
    const atSecond = second === 0 ? '' : `, at second ${second}`;
    const lead = `${repeating(cron.minute, 'minute', 'hour')}${atSecond}`;
    if (fieldIsFull(cron.hour)) return { text: lead, repeats: true };
    const part = onlyPart(cron.minute);
    const first = minutes[0] ?? 0;
    const last = minutes[minutes.length - 1] ?? 59;
    // Clock-time spans ("from 09:00 through 17:55") are exact when the minutes run through the whole hour, or
    // when each span stays inside one hour.
    if (part !== null && (coversField(cron.minute, part) || onlySingles(cron.hour))) {
      const spans = hourWindow(cron.hour, [first, last]);
      return { text: `${every(part.step, 'minute')}${atSecond} ${spans}`, repeats: true };
    }
    return { text: `${lead}, ${hourWindow(cron.hour, null)}`, repeats: true };
  }

  // Seconds repeat: "Every 10 seconds", narrowed by the minutes and hours when they are not all.
  const phrases = [repeating(cron.second, 'second', 'minute')];
  if (!fieldIsFull(cron.minute)) phrases.push(duringMinutes(cron.minute, minutes));
  if (!fieldIsFull(cron.hour)) phrases.push(hourWindow(cron.hour, null));
  return { text: phrases.join(', '), repeats: true };
}

function clock(hour: number, minute: number, second: number | null): string {
  return `${pad2(hour)}:${pad2(minute)}${second === null ? '' : `:${pad2(second)}`}`;
}

function every(step: number, unit: string): string {
  return step === 1 ? `Every ${unit}` : `Every ${plural(step, unit)}`;
}

function onlySingles(field: CronField): boolean {
  return field.parts.every((part) => part.start === part.end && !part.wildcard);
}

/** The field's one item when it is a range or a step (not a single value nor a list), else null. */
function onlyPart(field: CronField): CronFieldPart | null {
  const [part] = field.parts;
  return field.parts.length === 1 && part !== undefined && (part.wildcard || part.start !== part.end) ? part : null;
}

function coversField(field: CronField, part: CronFieldPart): boolean {
  return part.wildcard || (part.start === field.min && part.end === field.max);
}

/**
 * A field that repeats within its parent unit: "Every 15 minutes", "Every 15 minutes, starting at 5 minutes past
 * the hour", "Every minute, from 0 through 10 minutes past the hour", "At minutes 15 and 45 past the hour".
 */
function repeating(field: CronField, unit: string, parent: string): string {
  const part = onlyPart(field);
  if (part === null) {
    const values = fieldValues(field);
    return `At ${values.length === 1 ? unit : `${unit}s`} ${describeParts(field, unit, String)} past the ${parent}`;
  }
  const lead = every(part.step, unit);
  if (coversField(field, part)) return lead;
  const values = fieldValues(field);
  const first = values[0] ?? 0;
  const last = values[values.length - 1] ?? 0;
  if (part.end === field.max) return `${lead}, starting at ${plural(first, unit)} past the ${parent}`;
  return `${lead}, from ${first} through ${plural(last, unit)} past the ${parent}`;
}

/** The minutes in which seconds repeat: "during minutes 0, 15, 30 and 45 of the hour". */
function duringMinutes(field: CronField, minutes: ReadonlyArray<number>): string {
  const part = onlyPart(field);
  const first = minutes[0] ?? 0;
  const last = minutes[minutes.length - 1] ?? 59;
  if (part !== null && part.step === 1) return `during minutes ${first} through ${last} of the hour`;
  if (part !== null && minutes.length > MAX_LISTED_MINUTES) {
    const from = first === 0 ? '' : ` from minute ${first}`;
    const through = part.end === field.max || part.wildcard ? '' : ` through minute ${part.end}`;
    return `during every ${ordinal(part.step)} minute${from}${through}`;
  }
  const plainParts = field.parts.every((item) => item.step === 1);
  const listed = plainParts ? describeParts(field, 'minute', String) : joinWords(minutes.map(String));
  return `during ${minutes.length === 1 ? 'minute' : 'minutes'} ${listed} of the hour`;
}

/** Minute 0 of some hours: "Every hour", "Every 2 hours", "Every hour from 09:00 through 17:00". */
function wholeHours(hours: CronField): string {
  const part = onlyPart(hours);
  if (part !== null && coversField(hours, part)) return every(part.step, 'hour');
  if (hours.parts.every((item) => item.step === 1)) return `Every hour ${hourWindow(hours, [0, 0])}`;
  const window = hourWindow(hours, [0, 0]);
  return window.charAt(0).toUpperCase() + window.slice(1);
}

/**
 * The hours in which something happens. Given the first and last minute of each hour, the hours read as clock
 * time spans ("from 14:00 through 14:55"); without, as whole hours ("between 09:00 and 17:59").
 */
function hourWindow(hours: CronField, minutes: readonly [number, number] | null): string {
  const part = onlyPart(hours);
  if (part !== null && part.step > 1 && coversField(hours, part)) return `every ${plural(part.step, 'hour')}`;
  const [first, last] = minutes ?? [0, 59];
  const spans = hours.parts.map((item) => {
    const start = item.wildcard ? 0 : item.start;
    const end = item.wildcard ? 23 : item.end;
    if (item.step > 1) {
      const from = clock(start, first, null);
      const each = `every ${plural(item.step, 'hour')}`;
      return end === 23 ? `${each} starting at ${from}` : `${each} from ${from} through ${clock(end, last, null)}`;
    }
    if (minutes === null) return `between ${clock(start, 0, null)} and ${clock(end, 59, null)}`;
    if (start === end && first === last) return `at ${clock(start, first, null)}`;
    return `from ${clock(start, first, null)} through ${clock(end, last, null)}`;
  });
  return joinWords(spans);
}
