import { describe, expect, it } from 'vitest';
import { type OccurrenceException, type ScheduleTiming, parseCron, scheduledFires } from '@taskomatic/shared';
import { listFires } from './fire-list.js';
import { FireTally } from './fire-tally.js';
import { summarizeFires } from './fire-summary.js';

const DAY = 86_400_000;

function cronTiming(expression: string, timeZone: string, window: { activeFrom?: number; activeTill?: number } = {}): ScheduleTiming {
  return { kind: 'cron', cron: parseCron(expression), timeZone, runAt: null, activeFrom: window.activeFrom ?? null, activeTill: window.activeTill ?? null };
}

/** The summary the slow way: every fire enumerated by the engine's own code. */
function enumerated(timing: ScheduleTiming, exceptions: ReadonlyArray<OccurrenceException>, from: number, to: number) {
  const tally = new FireTally();
  for (const fire of scheduledFires(timing, exceptions, from, to, 10_000_000).fires) tally.add(fire.at);
  if (tally.first === null) return null;
  return { count: tally.count, first: tally.first, last: tally.last, everySeconds: tally.everySeconds, capped: false };
}

/** The list the slow way: every fire enumerated by the engine's own code. */
function enumeratedList(timing: ScheduleTiming, exceptions: ReadonlyArray<OccurrenceException>, from: number, to: number) {
  const { fires } = scheduledFires(timing, exceptions, from, to, 10_000_000);
  return {
    times: fires.filter((f) => f.trigger !== 'moved').map((f) => f.at),
    moved: fires.filter((f) => f.trigger === 'moved').map((f) => ({ at: f.at, from: f.occurrenceAt })),
    capped: false,
  };
}

/** Random skipped and moved occurrences of a timing around [from, to). */
function randomExceptions(timing: ScheduleTiming, from: number, to: number, next: () => number): OccurrenceException[] {
  const regular = scheduledFires(timing, [], from - DAY, to + DAY, 100_000).fires;
  const exceptions: OccurrenceException[] = [];
  for (let k = 0; k < 4 && regular.length > 0; k++) {
    const fire = regular[Math.floor(next() * regular.length)];
    if (!fire || exceptions.some((e) => e.occurrenceAt === fire.at)) continue;
    const move = next() < 0.5;
    exceptions.push({ occurrenceAt: fire.at, action: move ? 'move' : 'skip', movedTo: move ? fire.at + Math.floor((next() - 0.3) * 4 * DAY) + 250 : null });
  }
  return exceptions;
}

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const EXPRESSIONS = [
  '0 * * * * ?',
  '*/20 * * * * ?',
  '0 0/15 * * * ?',
  '0 0/10 * * * ?',
  '30 0/7 * * * ?',
  '0 30 2 * * ?',
  '0 0 0-3 * * ?',
  '0 15 1-3 ? * MON-FRI',
  '0 0/5 9-17 ? * 2-6',
  '0 0 * * * ?',
  '0 0 12 L * ?',
  '0 0 23 ? * *',
  '0 0,30 0-2 * * ?',
  '15 45 * 1-10 * ?',
];

const ZONES = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'Australia/Lord_Howe',
  'America/Santiago',
  'Asia/Kolkata',
  'Asia/Tehran',
  'Africa/Casablanca',
  'Pacific/Chatham',
  'America/Sao_Paulo',
  'America/Havana',
  'Pacific/Apia',
];

/** Windows around daylight-saving changes (both hemispheres), a quiet stretch, and a historic midnight change. */
const WINDOWS: Array<readonly [string, number]> = [
  ['2027-03-25T13:17:00Z', 7],
  ['2027-10-28T00:00:00Z', 12],
  ['2027-04-01T05:00:00Z', 5],
  ['2027-09-20T00:00:00Z', 10],
  ['2011-12-27T00:00:00Z', 5],
  ['2027-06-10T07:31:12Z', 3],
  ['2017-10-12T00:00:00Z', 6],
  ['2021-03-19T00:00:00Z', 5],
];

describe('summarizeFires', () => {
  it.each(ZONES)('agrees with enumerating every fire in %s', (zone) => {
    for (const expression of EXPRESSIONS) {
      for (const [start, days] of WINDOWS) {
        const from = Date.parse(start);
        const to = from + days * DAY + 3_600_000 * 5;
        const timing = cronTiming(expression, zone);
        expect(summarizeFires(timing, [], from, to, 10_000_000), `${expression} from ${start}`).toEqual(enumerated(timing, [], from, to));
      }
    }
  });

  it('agrees with enumerating when occurrences are skipped or moved and the active window cuts the range', () => {
    const next = random(7);
    for (let round = 0; round < 300; round++) {
      const expression = EXPRESSIONS[Math.floor(next() * EXPRESSIONS.length)] as string;
      const zone = ZONES[Math.floor(next() * ZONES.length)] as string;
      const from = Date.parse('2027-03-20T00:00:00Z') + Math.floor(next() * 20 * DAY / 1000) * 1000;
      const to = from + Math.floor(next() * 9 * DAY);
      const window = {
        ...(next() < 0.4 ? { activeFrom: from + Math.floor(next() * 3 * DAY) } : {}),
        ...(next() < 0.4 ? { activeTill: from + Math.floor(next() * 9 * DAY) } : {}),
      };
      const timing = cronTiming(expression, zone, window);
      const exceptions = randomExceptions(timing, from, to, next);
      expect(summarizeFires(timing, exceptions, from, to, 10_000_000), `round ${round}: ${expression} in ${zone}`).toEqual(enumerated(timing, exceptions, from, to));
    }
  });

  it('counts a schedule firing every minute over a week with its interval', () => {
    const from = Date.parse('2027-01-04T00:00:00Z');
    // No budget for enumerating: a week on a steady offset is counted from the times of day alone.
    const summary = summarizeFires(cronTiming('0 * * * * ?', 'Europe/Berlin'), [], from, from + 7 * DAY, 0);
    expect(summary).toEqual({ count: 7 * 1440, first: from, last: from + 7 * DAY - 60_000, everySeconds: 60, capped: false });
  });

  it('keeps the rhythm through a daylight-saving change for an interval-like cron', () => {
    const from = Date.parse('2027-10-30T00:00:00Z');
    const summary = summarizeFires(cronTiming('0 0/15 * * * ?', 'Europe/Berlin'), [], from, from + 2 * DAY, 100_000);
    expect(summary?.everySeconds).toBe(900);
    expect(summary?.count).toBe(2 * 96);
  });

  it('says when the enumeration budget cut the count', () => {
    const from = Date.parse('2027-03-27T00:00:00Z');
    // Every second, across the spring-forward change: the days around it are enumerated one by one.
    const summary = summarizeFires(cronTiming('* * * * * ?', 'Europe/Berlin'), [], from, from + 3 * DAY, 10_000);
    expect(summary?.capped).toBe(true);
    expect(summary?.count).toBeLessThan(3 * 86_400);
  });

  it('summarizes a one-time schedule and returns null when nothing fires', () => {
    const at = Date.parse('2027-01-05T10:00:00Z');
    const once: ScheduleTiming = { kind: 'once', cron: null, timeZone: 'UTC', runAt: at, activeFrom: null, activeTill: null };
    expect(summarizeFires(once, [], at - DAY, at + DAY, 100)).toEqual({ count: 1, first: at, last: at, everySeconds: null, capped: false });
    expect(summarizeFires(once, [], at + 1, at + DAY, 100)).toBeNull();
  });
});

describe('listFires', () => {
  it.each(ZONES)('gives the instants of enumerating every fire in %s', (zone) => {
    for (const expression of EXPRESSIONS) {
      for (const [start, days] of WINDOWS) {
        const from = Date.parse(start);
        const to = from + days * DAY + 3_600_000 * 5;
        const timing = cronTiming(expression, zone);
        expect(listFires(timing, [], from, to, 10_000_000), `${expression} from ${start}`).toEqual(enumeratedList(timing, [], from, to));
      }
    }
  });

  it('gives the instants of enumerating when occurrences are skipped or moved and the active window cuts the range', () => {
    const next = random(11);
    for (let round = 0; round < 300; round++) {
      const expression = EXPRESSIONS[Math.floor(next() * EXPRESSIONS.length)] as string;
      const zone = ZONES[Math.floor(next() * ZONES.length)] as string;
      const from = Date.parse('2027-03-20T00:00:00Z') + Math.floor(next() * 20 * DAY / 1000) * 1000;
      const to = from + Math.floor(next() * 9 * DAY);
      const window = {
        ...(next() < 0.4 ? { activeFrom: from + Math.floor(next() * 3 * DAY) } : {}),
        ...(next() < 0.4 ? { activeTill: from + Math.floor(next() * 9 * DAY) } : {}),
      };
      const timing = cronTiming(expression, zone, window);
      const exceptions = randomExceptions(timing, from, to, next);
      expect(listFires(timing, exceptions, from, to, 10_000_000), `round ${round}: ${expression} in ${zone}`).toEqual(enumeratedList(timing, exceptions, from, to));
    }
  });

  it('stops at the cap and says so, whether the fires come from a plain day or one by one', () => {
    const from = Date.parse('2027-01-04T00:00:00Z');
    const hourly = cronTiming('0 0 * * * ?', 'UTC');
    expect(listFires(hourly, [], from, from + DAY, 24)).toMatchObject({ capped: false });
    expect(listFires(hourly, [], from, from + DAY, 23)).toMatchObject({ capped: true });
    // Around the autumn change in Berlin, days are enumerated one by one.
    const autumn = Date.parse('2027-10-30T22:00:00Z');
    const berlin = cronTiming('0 0 * * * ?', 'Europe/Berlin');
    const all = listFires(berlin, [], autumn, autumn + DAY, 1000);
    expect(all.capped).toBe(false);
    expect(listFires(berlin, [], autumn, autumn + DAY, all.times.length)).toMatchObject({ capped: false });
    expect(listFires(berlin, [], autumn, autumn + DAY, all.times.length - 1)).toMatchObject({ capped: true });
  });
});
