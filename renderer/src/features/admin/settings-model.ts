import { isValidTimeZone, type SettingsInfo } from '@taskomatic/shared';
import type { IpcErrorInfo } from '@taskomatic/shared/ipc';

export type SettingsField = keyof SettingsInfo;

/** How a setting is edited and checked; limits as the contract declares them (settings.update). */
export interface SettingSpec {
  readonly field: SettingsField;
  readonly label: string;
  readonly hint: string;
  readonly kind: 'integer' | 'zone' | 'boolean';
  readonly min?: number;
  readonly max?: number;
  /** How a number reads in words next to the field ("= 100.0 MB", "= 1 h"). */
  readonly unit?: 'bytes' | 'seconds' | 'minutes' | 'days';
}

export const SETTING_SPECS: ReadonlyArray<SettingSpec> = [
  { field: 'retentionDays', label: 'Keep run history (days)', hint: 'clear-log-history removes runs older than this (default: 7)', kind: 'integer', min: 1, max: 36_500, unit: 'days' },
  { field: 'defaultTimeZone', label: 'Default time zone', hint: 'The zone of new schedules that name none, and the satellite\'s own time in the app', kind: 'zone' },
  { field: 'logCapBytes', label: 'Log cap per run (bytes)', hint: 'Output past this is dropped and counted (default: 100 MiB)', kind: 'integer', min: 1024, unit: 'bytes' },
  { field: 'postponeLimitSeconds', label: 'Postpone limit (seconds)', hint: 'A step waiting longer for a non-parallelizable task is skipped (default: 3600)', kind: 'integer', min: 1, unit: 'seconds' },
  { field: 'misfireGraceSeconds', label: 'Misfire grace (seconds)', hint: 'RUN_ONCE catches up a fire missed while the server was down only within this (default: 3600)', kind: 'integer', min: 0, unit: 'seconds' },
  { field: 'sessionIdleMinutes', label: 'Session idle timeout (minutes)', hint: 'API sessions end after this much idle time (default: 30)', kind: 'integer', min: 1, max: 10_080, unit: 'minutes' },
  { field: 'orgAdminsMaySeeSatelliteSchedules', label: 'Org admins may see satellite-level schedules', hint: 'Label, bunch and next fires only; no parameters, no logs. Each org admin turns it on for themselves.', kind: 'boolean' },
];

/** The form's values: numbers as typed (text), the switch as a boolean. */
export type SettingsDraft = Readonly<Record<SettingsField, string | boolean>>;

export function draftOf(settings: SettingsInfo): SettingsDraft {
  const draft: Partial<Record<SettingsField, string | boolean>> = {};
  for (const spec of SETTING_SPECS) {
    const value = settings[spec.field];
    draft[spec.field] = typeof value === 'boolean' ? value : String(value);
  }
  return draft as SettingsDraft;
}

/** What the form would send: only the fields that differ from `current`, with a message per field that is not acceptable. */
export interface SettingsCheck {
  readonly errors: Readonly<Partial<Record<SettingsField, string>>>;
  readonly changes: Readonly<Partial<SettingsInfo>>;
}

export function checkSettings(draft: SettingsDraft, current: SettingsInfo): SettingsCheck {
  const errors: Partial<Record<SettingsField, string>> = {};
  const changes: Record<string, unknown> = {};
  for (const spec of SETTING_SPECS) {
    const value = draft[spec.field];
    if (spec.kind === 'boolean') {
      if (value !== current[spec.field]) changes[spec.field] = value === true;
    } else if (spec.kind === 'zone') {
      const zone = String(value).trim();
      if (!isValidTimeZone(zone)) errors[spec.field] = `'${zone}' is not a known IANA zone (such as Europe/Prague or UTC)`;
      else if (zone !== current[spec.field]) changes[spec.field] = zone;
    } else {
      const text = String(value).trim();
      const number = Number(text);
      if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(number)) errors[spec.field] = 'A whole number, please';
      else if (spec.min !== undefined && number < spec.min) errors[spec.field] = `At least ${spec.min}`;
      else if (spec.max !== undefined && number > spec.max) errors[spec.field] = `At most ${spec.max}`;
      else if (number !== current[spec.field]) changes[spec.field] = number;
    }
  }
  return { errors, changes: changes as Partial<SettingsInfo> };
}

/**
 * The field a refusal of settings.update is about: a bad zone (INVALID_TIME_ZONE), or the member an
 * INVALID_PARAMS or INVALID_ARGUMENT message names ("settings.update: request.retentionDays: 0 is below 1").
 */
export function faultField(error: IpcErrorInfo): SettingsField | undefined {
  if (error.fault === 'INVALID_TIME_ZONE') return 'defaultTimeZone';
  return SETTING_SPECS.find((spec) => new RegExp(`\\b${spec.field}\\b`).test(error.message))?.field;
}
