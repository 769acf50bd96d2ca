import type { SettingsInfo } from '@taskomatic/shared';
import { describe, expect, it } from 'vitest';
import { checkSettings, draftOf, faultField } from './settings-model';

const current: SettingsInfo = { retentionDays: 7, defaultTimeZone: 'UTC', logCapBytes: 1_048_576, postponeLimitSeconds: 3600, misfireGraceSeconds: 3600, orgAdminsMaySeeSatelliteSchedules: false, sessionIdleMinutes: 30 };

describe('checkSettings', () => {
  it('sends only what changed', () => {
    const draft = { ...draftOf(current), retentionDays: '14', orgAdminsMaySeeSatelliteSchedules: true, defaultTimeZone: ' Europe/Prague ' };
    expect(checkSettings(draft, current)).toEqual({ errors: {}, changes: { retentionDays: 14, defaultTimeZone: 'Europe/Prague', orgAdminsMaySeeSatelliteSchedules: true } });
  });

  it('sends nothing for an untouched form', () => {
    expect(checkSettings(draftOf(current), current).changes).toEqual({});
  });

  it('says what is wrong with each field, within the contract limits', () => {
    const draft = { ...draftOf(current), retentionDays: '0', logCapBytes: '12.5', sessionIdleMinutes: '20000', misfireGraceSeconds: '0', defaultTimeZone: 'Mars/Base' };
    const { errors, changes } = checkSettings(draft, current);
    expect(errors).toEqual({ retentionDays: 'At least 1', logCapBytes: 'A whole number, please', sessionIdleMinutes: 'At most 10080', defaultTimeZone: expect.stringContaining('not a known IANA zone') });
    expect(changes).toEqual({ misfireGraceSeconds: 0 });
  });
});

describe('faultField', () => {
  it('finds the field a refusal names', () => {
    expect(faultField({ kind: 'fault', fault: 'INVALID_PARAMS', message: 'settings.update: request.retentionDays: 0 is below 1' })).toBe('retentionDays');
    expect(faultField({ kind: 'fault', fault: 'INVALID_TIME_ZONE', message: "Unknown time zone 'X'" })).toBe('defaultTimeZone');
    expect(faultField({ kind: 'offline', message: 'no answer' })).toBeUndefined();
  });
});
