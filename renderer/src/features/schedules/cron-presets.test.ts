import { describe, expect, it } from 'vitest';
import { presetCron, presetOf, switchPreset } from './cron-presets';

describe('presetCron', () => {
  it('writes each preset as Quartz cron, seconds first', () => {
    expect(presetCron({ kind: 'hourly', minute: 15 })).toBe('0 15 * * * ?');
    expect(presetCron({ kind: 'daily', hour: 23, minute: 0 })).toBe('0 0 23 * * ?');
    expect(presetCron({ kind: 'weekly', days: ['FRI', 'MON'], hour: 4, minute: 5 })).toBe('0 5 4 ? * MON,FRI');
    expect(presetCron({ kind: 'monthly', day: 1, hour: 2, minute: 30 })).toBe('0 30 2 1 * ?');
    expect(presetCron({ kind: 'monthly', day: 'last', hour: 2, minute: 30 })).toBe('0 30 2 L * ?');
  });

  it('never writes a weekly cron without a day', () => {
    expect(presetCron({ kind: 'weekly', days: [], hour: 1, minute: 0 })).toBe('0 0 1 ? * MON');
  });
});

describe('presetOf', () => {
  it('reads back what presetCron writes', () => {
    for (const cron of ['0 15 * * * ?', '0 0 23 * * ?', '0 5 4 ? * MON,FRI', '0 30 2 1 * ?', '0 30 2 L * ?']) {
      const preset = presetOf(cron);
      expect(preset).toBeDefined();
      expect(presetCron(preset!)).toBe(cron);
    }
  });

  it('recognises the seed schedules and other spellings of the same thing', () => {
    expect(presetOf('0 0 23 ? * *')).toEqual({ kind: 'daily', hour: 23, minute: 0 });
    expect(presetOf('0 30 3 ? * SUN')).toEqual({ kind: 'weekly', days: ['SUN'], hour: 3, minute: 30 });
    expect(presetOf('0 0 1 ? * 2,6')).toEqual({ kind: 'weekly', days: ['MON', 'FRI'], hour: 1, minute: 0 });
    expect(presetOf('0 0 1 * * ? *')).toEqual({ kind: 'daily', hour: 1, minute: 0 });
    expect(presetOf('0 7 * ? * *')).toEqual({ kind: 'hourly', minute: 7 });
  });

  it('leaves everything else to raw cron', () => {
    for (const cron of ['0 0/15 * * * ?', '0 * * * * ?', '30 0 1 * * ?', '0 0 1 1 1 ?', '0 0 1 ? * 6#3', '0 0 1 15W * ?', '0 0 24 * * ?', '0 0 1 * * ? 2030', 'nonsense']) {
      expect(presetOf(cron)).toBeUndefined();
    }
  });
});

describe('switchPreset', () => {
  it('keeps the time of day when the kind changes', () => {
    expect(switchPreset('weekly', { kind: 'daily', hour: 5, minute: 45 })).toEqual({ kind: 'weekly', days: ['MON'], hour: 5, minute: 45 });
    expect(switchPreset('hourly', { kind: 'monthly', day: 3, hour: 5, minute: 45 })).toEqual({ kind: 'hourly', minute: 45 });
    expect(switchPreset('daily', undefined)).toEqual({ kind: 'daily', hour: 2, minute: 0 });
  });
});
