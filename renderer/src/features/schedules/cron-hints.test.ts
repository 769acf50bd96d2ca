import { validateCron } from '@taskomatic/shared';
import { describe, expect, it } from 'vitest';
import { cronHints } from './cron-hints';

describe('cronHints', () => {
  it('says nothing about a good Quartz expression', () => {
    expect(cronHints('0 0 23 ? * *')).toEqual([]);
    expect(cronHints('0 0/15 * * * ?')).toEqual([]);
    expect(cronHints('')).toEqual([]);
  });

  it('offers to keep either day field when both are set, each fix valid Quartz', () => {
    const [hint] = cronHints('0 0 3 1 * MON');
    expect(hint?.id).toBe('both-days');
    expect(hint?.fixes.map((fix) => fix.cron)).toEqual(['0 0 3 1 * ?', '0 0 3 ? * MON']);
    for (const fix of hint?.fixes ?? []) expect(validateCron(fix.cron).valid).toBe(true);
  });

  it("turns '* *' into every day", () => {
    expect(cronHints('0 0 3 * * *')[0]?.fixes.map((fix) => fix.cron)).toEqual(['0 0 3 * * ?']);
  });

  it('reads a five-field Unix cron with seconds added and the day fields fixed', () => {
    const [hint] = cronHints('*/5 * * * *');
    expect(hint?.id).toBe('unix-fields');
    expect(hint?.fixes[0]?.cron).toBe('0 */5 * * * ?');
    expect(validateCron(hint?.fixes[0]?.cron ?? '').valid).toBe(true);
  });

  it('warns that day 31 skips short months, offering the last day', () => {
    const hints = cronHints('0 0 2 31 * ?');
    expect(hints.map((hint) => hint.id)).toEqual(['short-months']);
    expect(hints[0]?.fixes[0]?.cron).toBe('0 0 2 L * ?');
    expect(cronHints('0 0 2 31 1,3 ?')).toEqual([]);
  });
});
