import { describe, expect, it } from 'vitest';
import { parseCron } from './cron-parse.js';
import { nextFireTime, nextFireTimes } from './next-fire.js';
import { UnknownTimeZoneError } from './time-zone.js';

/** The next `count` fire times as ISO strings (UTC), for readable expectations. */
function fires(expression: string, after: string, count: number, zone = 'UTC'): string[] {
  return nextFireTimes(parseCron(expression), zone, Date.parse(after), count).map((t) => new Date(t).toISOString());
}

const midnight = (date: string): string => `${date}T00:00:00.000Z`;

describe('nextFireTime', () => {
  it('is strictly after `after`, also between whole seconds', () => {
    const cron = parseCron('0 0 12 * * ?');
    const noon = Date.parse('2027-01-15T12:00:00Z');
    expect(nextFireTime(cron, 'UTC', noon - 1)).toBe(noon);
    expect(nextFireTime(cron, 'UTC', noon)).toBe(noon + 86_400_000);
    expect(nextFireTime(parseCron('* * * * * ?'), 'UTC', noon + 250)).toBe(noon + 1000);
  });

  it('returns null when the years are past or the date never exists', () => {
    const after = Date.parse('2027-01-15T00:00:00Z');
    expect(nextFireTime(parseCron('0 0 12 * * ? 2020'), 'UTC', after)).toBeNull();
    expect(nextFireTime(parseCron('0 0 12 * * ? 2020'), 'Europe/Prague', after)).toBeNull();
    expect(nextFireTime(parseCron('0 0 0 30 2 ?'), 'UTC', after)).toBeNull();
    expect(nextFireTime(parseCron('0 0 0 30 2 ?'), 'America/New_York', after)).toBeNull();
    expect(nextFireTime(parseCron('0 0 0 * * ?'), 'UTC', Date.parse('2099-12-31T00:00:00Z'))).toBeNull();
    expect(fires('0 0 0 1 1 ? 2027-2029', '2026-06-01T00:00:00Z', 5)).toEqual([
      midnight('2027-01-01'),
      midnight('2028-01-01'),
      midnight('2029-01-01'),
    ]);
  });

  it('starts at 1970 for instants before it', () => {
    expect(fires('0 0 0 1 1 ?', '1900-01-01T00:00:00Z', 2)).toEqual([midnight('1970-01-01'), midnight('1971-01-01')]);
  });

  it('throws for an unknown time zone', () => {
    expect(() => nextFireTime(parseCron('0 0 12 * * ?'), 'Mars/Olympus_Mons', 0)).toThrow(UnknownTimeZoneError);
  });
});

describe('day-of-month rules', () => {
  it('W on a Saturday 1st fires on Monday the 3rd, never in the previous month', () => {
    // 2027-05-01 is a Saturday; 2027-08-01 a Sunday.
    expect(fires('0 0 0 1W * ?', '2027-04-15T00:00:00Z', 5)).toEqual([
      midnight('2027-05-03'),
      midnight('2027-06-01'),
      midnight('2027-07-01'),
      midnight('2027-08-02'),
      midnight('2027-09-01'),
    ]);
  });

  it('W on a Sunday last day fires on the Friday before, never in the next month', () => {
    // 2027-10-31 is a Sunday; 2028-09-30 a Saturday.
    expect(fires('0 0 0 31W * ?', '2027-10-01T00:00:00Z', 1)).toEqual([midnight('2027-10-29')]);
    expect(fires('0 0 0 30W * ?', '2028-09-01T00:00:00Z', 1)).toEqual([midnight('2028-09-29')]);
    expect(fires('0 0 0 15W * ?', '2027-08-01T00:00:00Z', 1)).toEqual([midnight('2027-08-16')]);
  });

  it('W past the end of a month matches nothing in that month', () => {
    // April has no 31st; May 31st 2027 is a Monday.
    expect(fires('0 0 0 31W * ?', '2027-04-01T00:00:00Z', 1)).toEqual([midnight('2027-05-31')]);
  });

  it('LW is the last weekday of the month', () => {
    // 2027-07-31 is a Saturday, 2027-10-31 a Sunday, 2027-12-31 a Friday.
    expect(fires('0 0 0 LW 7,10,12 ?', '2027-01-01T00:00:00Z', 3)).toEqual([
      midnight('2027-07-30'),
      midnight('2027-10-29'),
      midnight('2027-12-31'),
    ]);
  });

  it('L and L-n count back from the last day, leap years included', () => {
    expect(fires('0 0 0 L * ?', '2027-01-31T00:00:00Z', 3)).toEqual([
      midnight('2027-02-28'),
      midnight('2027-03-31'),
      midnight('2027-04-30'),
    ]);
    expect(fires('0 0 0 L-2 2 ?', '2027-01-01T00:00:00Z', 2)).toEqual([midnight('2027-02-26'), midnight('2028-02-27')]);
    // L-30 is the 1st in a 31-day month and does not exist in February.
    expect(fires('0 0 0 L-30 * ?', '2027-01-15T00:00:00Z', 2)).toEqual([
      midnight('2027-03-01'),
      midnight('2027-05-01'),
    ]);
  });

  it('L-nW is the weekday nearest n days before the last day', () => {
    // October 2027: L-3 is Thursday the 28th; January 2027: L-1 is Saturday the 30th -> Friday the 29th.
    expect(fires('0 0 0 L-3W 10 ?', '2027-01-01T00:00:00Z', 1)).toEqual([midnight('2027-10-28')]);
    expect(fires('0 0 0 L-1W 1 ?', '2027-01-01T00:00:00Z', 1)).toEqual([midnight('2027-01-29')]);
  });

  it('February 29th only fires in leap years', () => {
    expect(fires('0 0 0 29 2 ?', '2027-01-01T00:00:00Z', 3)).toEqual([
      midnight('2028-02-29'),
      midnight('2032-02-29'),
      midnight('2036-02-29'),
    ]);
    expect(fires('0 0 0 29 2 ?', '1999-01-01T00:00:00Z', 1)).toEqual([midnight('2000-02-29')]);
  });

  it('skips months without the day', () => {
    expect(fires('0 0 12 31 * ?', '2027-01-31T12:00:00Z', 3)).toEqual([
      '2027-03-31T12:00:00.000Z',
      '2027-05-31T12:00:00.000Z',
      '2027-07-31T12:00:00.000Z',
    ]);
  });
});

describe('day-of-week rules', () => {
  it('nL is the last given weekday of the month', () => {
    expect(fires('0 0 0 ? * 6L', '2027-01-01T00:00:00Z', 4)).toEqual([
      midnight('2027-01-29'),
      midnight('2027-02-26'),
      midnight('2027-03-26'),
      midnight('2027-04-30'),
    ]);
  });

  it('#5 skips months without a fifth such weekday', () => {
    expect(fires('0 0 0 ? * 2#5', '2027-01-01T00:00:00Z', 4)).toEqual([
      midnight('2027-03-29'),
      midnight('2027-05-31'),
      midnight('2027-08-30'),
      midnight('2027-11-29'),
    ]);
  });

  it('#1 and names', () => {
    expect(fires('0 0 0 ? * MON#1', '2027-01-01T00:00:00Z', 3)).toEqual([
      midnight('2027-01-04'),
      midnight('2027-02-01'),
      midnight('2027-03-01'),
    ]);
  });

  it('ranges that wrap over the weekend', () => {
    // 2027-01-01 is a Friday.
    expect(fires('0 0 0 ? * FRI-MON', '2026-12-31T12:00:00Z', 5)).toEqual([
      midnight('2027-01-01'),
      midnight('2027-01-02'),
      midnight('2027-01-03'),
      midnight('2027-01-04'),
      midnight('2027-01-08'),
    ]);
  });

  it('L alone is Saturday', () => {
    expect(fires('0 0 0 ? * L', '2027-01-01T00:00:00Z', 2)).toEqual([midnight('2027-01-02'), midnight('2027-01-09')]);
  });
});

describe('time fields', () => {
  it('steps that start past the range fire once an hour', () => {
    expect(fires('0 50/15 * * * ?', '2027-01-01T00:00:00Z', 3)).toEqual([
      '2027-01-01T00:50:00.000Z',
      '2027-01-01T01:50:00.000Z',
      '2027-01-01T02:50:00.000Z',
    ]);
  });

  it('hour ranges that wrap past midnight', () => {
    expect(fires('0 0 23-1 * * ?', '2027-01-01T12:00:00Z', 4)).toEqual([
      '2027-01-01T23:00:00.000Z',
      '2027-01-02T00:00:00.000Z',
      '2027-01-02T01:00:00.000Z',
      '2027-01-02T23:00:00.000Z',
    ]);
  });

  it('rolls seconds over minutes, hours, days, months and years', () => {
    expect(fires('59 59 23 31 12 ?', '2027-06-01T00:00:00Z', 2)).toEqual([
      '2027-12-31T23:59:59.000Z',
      '2028-12-31T23:59:59.000Z',
    ]);
  });

  it('month steps and names', () => {
    expect(fires('0 0 0 1 JAN/4 ?', '2027-01-01T00:00:00Z', 3)).toEqual([
      midnight('2027-05-01'),
      midnight('2027-09-01'),
      midnight('2028-01-01'),
    ]);
  });
});

describe('daylight-saving rule', () => {
  it('a nonexistent wall time fires once, shifted forward by the gap', () => {
    // New York springs forward at 02:00 EST on 2027-03-14.
    expect(fires('0 30 2 * * ?', '2027-03-13T12:00:00Z', 2, 'America/New_York')).toEqual([
      '2027-03-14T07:30:00.000Z',
      '2027-03-15T06:30:00.000Z',
    ]);
    // São Paulo sprang forward at midnight on 2018-11-04: that day began at 01:00.
    expect(fires('0 0 0 * * ?', '2018-11-03T12:00:00Z', 2, 'America/Sao_Paulo')).toEqual([
      '2018-11-04T03:00:00.000Z',
      '2018-11-05T02:00:00.000Z',
    ]);
  });

  it('a shifted time that lands on a regular fire counts once', () => {
    expect(fires('0 0/30 * * * ?', '2027-03-14T06:00:00Z', 4, 'America/New_York')).toEqual([
      '2027-03-14T06:30:00.000Z',
      '2027-03-14T07:00:00.000Z',
      '2027-03-14T07:30:00.000Z',
      '2027-03-14T08:00:00.000Z',
    ]);
    // Samoa skipped 2011-12-30 entirely: its noon moves onto the noon of the 31st.
    expect(fires('0 0 12 * * ?', '2011-12-29T00:00:00Z', 3, 'Pacific/Apia')).toEqual([
      '2011-12-29T22:00:00.000Z',
      '2011-12-30T22:00:00.000Z',
      '2011-12-31T22:00:00.000Z',
    ]);
  });

  it('shifted times keep fire times increasing when the gap is not a whole hour', () => {
    // Lord Howe Island springs forward 30 minutes at 02:00 on 2027-10-03: 02:20 becomes 02:50, after 02:40.
    expect(fires('0 20,40 2 * * ?', '2027-10-02T00:00:00Z', 3, 'Australia/Lord_Howe')).toEqual([
      '2027-10-02T15:40:00.000Z',
      '2027-10-02T15:50:00.000Z',
      '2027-10-03T15:20:00.000Z',
    ]);
  });

  it('a repeated wall time fires at its first occurrence only, for a fixed hour', () => {
    // New York falls back at 02:00 EDT on 2027-11-07: 01:30 happens at 05:30Z and again at 06:30Z.
    expect(fires('0 30 1 * * ?', '2027-11-06T12:00:00Z', 2, 'America/New_York')).toEqual([
      '2027-11-07T05:30:00.000Z',
      '2027-11-08T06:30:00.000Z',
    ]);
    expect(fires('0 30 1-2 * * ?', '2027-11-07T05:00:00Z', 3, 'America/New_York')).toEqual([
      '2027-11-07T05:30:00.000Z',
      '2027-11-07T07:30:00.000Z',
      '2027-11-08T06:30:00.000Z',
    ]);
  });

  it('an interval-like hour fires in both passes of the repeated hour', () => {
    expect(fires('0 30 * * * ?', '2027-11-07T05:00:00Z', 3, 'America/New_York')).toEqual([
      '2027-11-07T05:30:00.000Z',
      '2027-11-07T06:30:00.000Z',
      '2027-11-07T07:30:00.000Z',
    ]);
    expect(fires('0 30 0/1 * * ?', '2027-11-07T05:00:00Z', 2, 'America/New_York')).toEqual([
      '2027-11-07T05:30:00.000Z',
      '2027-11-07T06:30:00.000Z',
    ]);
    // Lord Howe falls back 30 minutes at 02:00 on 2027-04-04: 01:30-02:00 repeats, every 15 minutes keeps its rhythm.
    expect(fires('0 */15 * * * ?', '2027-04-03T14:20:00Z', 5, 'Australia/Lord_Howe')).toEqual([
      '2027-04-03T14:30:00.000Z',
      '2027-04-03T14:45:00.000Z',
      '2027-04-03T15:00:00.000Z',
      '2027-04-03T15:15:00.000Z',
      '2027-04-03T15:30:00.000Z',
    ]);
  });

  it('agrees with UTC in zones without daylight saving', () => {
    expect(fires('0 0 9 ? * MON-FRI', '2027-01-01T00:00:00Z', 2, 'Asia/Kolkata')).toEqual([
      '2027-01-01T03:30:00.000Z',
      '2027-01-04T03:30:00.000Z',
    ]);
  });
});
