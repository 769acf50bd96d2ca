import type { ScheduleInfo } from '@taskomatic/shared';

/** A value as the conflict panel shows it: text, an instant (shown with <TimeText>), or nothing. */
export type ShownValue = string | Date | undefined;

/** One field someone else changed since I read the schedule. */
export interface FieldChange {
  readonly field: keyof ScheduleInfo;
  readonly label: string;
  readonly before: ShownValue;
  readonly after: ShownValue;
}

/** The fields a person edits, in the editor's order, with their names in words. */
const FIELDS: ReadonlyArray<readonly [keyof ScheduleInfo, string]> = [
  ['label', 'Label'],
  ['kind', 'Kind'],
  ['cron', 'Cron'],
  ['runAt', 'Runs at'],
  ['timeZone', 'Time zone'],
  ['params', 'Parameters'],
  ['activeFrom', 'Active from'],
  ['activeTill', 'Active till'],
  ['overlapPolicy', 'Overlap policy'],
  ['misfirePolicy', 'Misfire policy'],
  ['paused', 'Paused'],
  ['pauseReason', 'Pause reason'],
  ['ended', 'Ended'],
  ['exceptions', 'Skipped or moved occurrences'],
];

/** JSON with sorted keys: two maps with the same entries read the same. */
function stable(value: unknown): string {
  if (value === null || typeof value !== 'object' || value instanceof Date) return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  const record = value as Record<string, unknown>;
  return `{${Object.keys(record)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${stable(record[key])}`)
    .join(',')}}`;
}

function shown(value: unknown): ShownValue {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Date || typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.length === 0 ? undefined : `${value.length}`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return entries.length === 0 ? undefined : entries.map(([key, item]) => `${key}=${String(item)}`).join(', ');
  }
  return String(value);
}

/**
 * What my form would send, as the same shown values: the conflict panel's "yours" column. Fields the form does not
 * send (paused, ended…) are absent.
 */
export function sentValues(request: Readonly<Partial<Record<keyof ScheduleInfo, unknown>>>): Partial<Record<keyof ScheduleInfo, ShownValue>> {
  const values: Partial<Record<keyof ScheduleInfo, ShownValue>> = {};
  for (const [field] of FIELDS) if (field in request) values[field] = shown(request[field]);
  if ('cron' in request || 'runAt' in request) {
    values.kind = request.cron !== undefined ? 'cron' : 'once';
    values.cron ??= undefined;
    values.runAt ??= undefined;
  }
  return values;
}

/** What changed between the version I read and the one on the server now, field by field. */
export function scheduleChanges(read: ScheduleInfo, current: ScheduleInfo): ReadonlyArray<FieldChange> {
  const changes: FieldChange[] = [];
  for (const [field, label] of FIELDS) {
    const before = read[field];
    const after = current[field];
    const same = before instanceof Date && after instanceof Date ? before.getTime() === after.getTime() : stable(before) === stable(after);
    if (!same) changes.push({ field, label, before: shown(before), after: shown(after) });
  }
  return changes;
}
