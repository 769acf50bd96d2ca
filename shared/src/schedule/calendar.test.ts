import { describe, expect, it } from 'vitest';
import { daysFromCivil, daysInMonth, isLeapYear, quartzWeekday, wallFields, wallTime } from './calendar.js';

describe('calendar arithmetic', () => {
  it('agrees with Date over four centuries', () => {
    for (let t = Date.UTC(1900, 0, 1); t < Date.UTC(2300, 0, 1); t += 86_400_000 * 7 + 3_723_000) {
      const date = new Date(t);
      const fields = wallFields(t);
      expect(fields).toEqual({
        year: date.getUTCFullYear(),
        month: date.getUTCMonth() + 1,
        day: date.getUTCDate(),
        hour: date.getUTCHours(),
        minute: date.getUTCMinutes(),
        second: date.getUTCSeconds(),
      });
      expect(wallTime(fields.year, fields.month, fields.day, fields.hour, fields.minute, fields.second)).toBe(
        Math.floor(t / 1000) * 1000,
      );
      expect(quartzWeekday(fields.year, fields.month, fields.day)).toBe(date.getUTCDay() + 1);
    }
  });

  it('counts days from 1970 and knows month lengths', () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(1969, 12, 31)).toBe(-1);
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(daysInMonth(2027, 2)).toBe(28);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(isLeapYear(2024)).toBe(true);
    expect(daysInMonth(2027, 4)).toBe(30);
  });
});
