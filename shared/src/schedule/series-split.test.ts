import { describe, expect, it } from 'vitest';
import { HOUR_MS, MINUTE_MS } from './calendar.js';
import { splitSeries } from './series-split.js';

const at = (text: string) => Date.parse(text);

describe('splitSeries', () => {
  it('ends the old series before the dragged fire and starts the shifted one at the drop', () => {
    const occurrenceAt = at('2027-03-10T02:30:00Z');
    const target = occurrenceAt + 45 * MINUTE_MS;
    expect(splitSeries({ cron: '0 30 2 * * ?', timeZone: 'UTC', occurrenceAt, target, activeFrom: null, activeTill: null })).toEqual({
      ok: true,
      oldActiveTill: occurrenceAt,
      newCron: '0 15 3 * * ?',
      newActiveFrom: target,
      newActiveTill: null,
      firstFire: target,
    });
  });

  it('measures the shift on the wall clock across a daylight-saving change', () => {
    // Berlin: Sat 27 March 2027 09:00 CET, dragged to Sun 28 March 09:00 CEST: 23 real hours, one wall day.
    const occurrenceAt = at('2027-03-27T08:00:00Z');
    const target = at('2027-03-28T07:00:00Z');
    const split = splitSeries({ cron: '0 0 9 ? * SAT', timeZone: 'Europe/Berlin', occurrenceAt, target, activeFrom: null, activeTill: null });
    expect(split).toMatchObject({ ok: true, newCron: '0 0 9 ? * SUN', firstFire: target });
  });

  it('moves an end date along, and moving earlier starts the new series at the drop', () => {
    const occurrenceAt = at('2027-03-10T12:00:00Z');
    const split = splitSeries({
      cron: '0 0 12 * * ?',
      timeZone: 'UTC',
      occurrenceAt,
      target: occurrenceAt - 2 * HOUR_MS,
      activeFrom: at('2027-01-01T00:00:00Z'),
      activeTill: at('2027-06-01T00:00:00Z'),
    });
    expect(split).toMatchObject({ ok: true, newCron: '0 0 10 * * ?', newActiveFrom: occurrenceAt - 2 * HOUR_MS, newActiveTill: at('2027-05-31T22:00:00Z') });
  });

  it('passes on why the cron cannot shift', () => {
    const occurrenceAt = at('2027-03-31T23:00:00Z');
    const split = splitSeries({ cron: '0 0 23 31 * ?', timeZone: 'UTC', occurrenceAt, target: occurrenceAt + 2 * HOUR_MS, activeFrom: null, activeTill: null });
    expect(split).toEqual({ ok: false, reason: 'the shift crosses midnight for a monthly schedule on day 31' });
  });
});
