import { describe, expect, it } from 'vitest';
import { parseCron } from './cron-parse.js';
import { describeCron } from './describe.js';

const sentence = (expression: string) => describeCron(parseCron(expression));

describe('describeCron', () => {
  it.each([
    // The examples of the brief, and Spacewalk's default schedules.
    ['0 0 23 ? * *', 'At 23:00, every day'],
    ['0 0/15 * * * ?', 'Every 15 minutes'],
    ['0 15 10 ? * MON-FRI', 'At 10:15, Monday through Friday'],
    ['0 15 10 L * ?', 'At 10:15, on the last day of the month'],
    ['0 15 10 ? * 6#3', 'At 10:15, on the third Friday of the month'],
    ['*/10 * * * * ?', 'Every 10 seconds'],
    ['0 5 4 ? * *', 'At 04:05, every day'],
    ['0 0/10 * * * ?', 'Every 10 minutes'],
    ['0 * * * * ?', 'Every minute'],
    // Every expression of the conformance corpus.
    ['0 0 12 * * ?', 'At 12:00, every day'],
    ['0 15 10 * * ? *', 'At 10:15, every day'],
    ['0 15 10 * * ? 2028', 'At 10:15, every day, in 2028'],
    ['0 * 14 * * ?', 'Every minute from 14:00 through 14:59'],
    ['0 0/5 14 * * ?', 'Every 5 minutes from 14:00 through 14:55'],
    ['0 0/5 14,18 * * ?', 'Every 5 minutes from 14:00 through 14:55 and from 18:00 through 18:55'],
    ['0 0-5 14 * * ?', 'Every minute from 14:00 through 14:05'],
    ['0 10,44 14 ? 3 WED', 'At 14:10 and 14:44, every Wednesday, in March'],
    ['0 15 10 15 * ?', 'At 10:15, on the 15th of the month'],
    ['0 15 10 L-2 * ?', 'At 10:15, 2 days before the last day of the month'],
    ['0 15 10 ? * 6L', 'At 10:15, on the last Friday of the month'],
    ['0 0 12 1/5 * ?', 'At 12:00, every 5 days of the month, starting on the 1st'],
    ['0 11 11 11 11 ?', 'At 11:11, on November 11'],
    ['0 0 0 LW * ?', 'At 00:00, on the last weekday of the month'],
    ['0 0 0 15W * ?', 'At 00:00, on the weekday nearest the 15th of the month'],
    ['0 0/1 * * * ?', 'Every minute'],
    ['0 0 * * * ?', 'Every hour'],
    ['0 */15 * * * ?', 'Every 15 minutes'],
    ['0 0 0 29 2 ?', 'At 00:00, on February 29'],
    ['0 0 0 ? * MON,WED,FRI', 'At 00:00, on Monday, Wednesday and Friday'],
    ['0 0 6,18 * * ?', 'At 06:00 and 18:00, every day'],
    ['15 10 3 ? JAN-MAR TUE', 'At 03:10:15, every Tuesday, January through March'],
    ['0 0 12 ? JAN,APR,JUL,OCT 2#1', 'At 12:00, on the first Monday of the month, in January, April, July and October'],
    ['0 30 2 * * ?', 'At 02:30, every day'],
    // Other common shapes.
    ['* * * * * ?', 'Every second'],
    ['0 30 * * * ?', 'At 30 minutes past every hour'],
    ['0 15,45 * * * ?', 'At minutes 15 and 45 past the hour'],
    ['0 5/15 * * * ?', 'Every 15 minutes, starting at 5 minutes past the hour'],
    ['0 0 */2 * * ?', 'Every 2 hours'],
    ['0 0 1/2 * * ?', 'Every 2 hours starting at 01:00'],
    ['0 15 0/6 * * ?', 'At 15 minutes past the hour, every 6 hours'],
    ['0 0 9-17 ? * MON-FRI', 'Every hour from 09:00 through 17:00, Monday through Friday'],
    ['0 30 9-17 ? * MON-FRI', 'At 30 minutes past the hour, from 09:30 through 17:30, Monday through Friday'],
    ['0 */5 9-17 ? * MON-FRI', 'Every 5 minutes from 09:00 through 17:55, Monday through Friday'],
    ['0 0 22-2 * * ?', 'Every hour from 22:00 through 02:00'],
    ['30 * * * * ?', 'Every minute, at second 30'],
    ['10-20 * * * * ?', 'Every second, from 10 through 20 seconds past the minute'],
    ['5,10 0 12 * * ?', 'At 12:00:05 and 12:00:10, every day'],
    ['0 0 6,12,18 ? * *', 'At 06:00, 12:00 and 18:00, every day'],
    ['0 0 0 1 * ?', 'At 00:00, on the 1st of the month'],
    ['0 0 0 1,15 * ?', 'At 00:00, on the 1st and 15th of the month'],
    ['0 0 0 1-7 * ?', 'At 00:00, on the 1st through the 7th of the month'],
    ['0 0 0 L-1 * ?', 'At 00:00, on the day before the last day of the month'],
    ['0 0 0 L-3W * ?', 'At 00:00, on the weekday nearest 3 days before the last day of the month'],
    ['0 0 0 ? * L', 'At 00:00, every Saturday'],
    ['0 0 0 ? * 1#5', 'At 00:00, on the fifth Sunday of the month'],
    ['0 0 0 ? * FRI-MON', 'At 00:00, Friday through Monday'],
    ['0 0 0 ? * SAT,SUN', 'At 00:00, on Saturday and Sunday'],
    ['0 0 0 1 */3 ?', 'At 00:00, on the 1st of the month, in January, April, July and October'],
    ['0 0 0 1 JAN-JUN ?', 'At 00:00, on the 1st of the month, January through June'],
    ['0 0 0 1 1 ? 2027-2030', 'At 00:00, on January 1, in 2027 through 2030'],
    ['0 0 0 1 1 ? 2027/2', 'At 00:00, on January 1, every 2 years from 2027'],
    ['0 0 12 ? * SUN 2027,2029', 'At 12:00, every Sunday, in 2027 and 2029'],
  ])('%s -> %s', (expression, expected) => {
    expect(sentence(expression)).toBe(expected);
  });

  it('writes a sentence for every valid expression shape without throwing', () => {
    const fields = {
      second: ['0', '*', '*/5', '10-20', '5,35', '7/20'],
      minute: ['0', '*', '0/15', '5-10', '1,31', '5/20'],
      hour: ['0', '*', '*/3', '9-17', '6,18', '22-2'],
    };
    for (const s of fields.second) {
      for (const m of fields.minute) {
        for (const h of fields.hour) {
          const text = sentence(`${s} ${m} ${h} ? * MON-FRI`);
          expect(text, `${s} ${m} ${h}`).toMatch(/^[A-Z][^]*[a-z0-9]$/);
          expect(text).not.toMatch(/undefined|NaN|\s{2}|,,/);
        }
      }
    }
  });
});
