import { parseCron } from '@taskomatic/shared/schedule';
import { describe, expect, it } from 'vitest';
import { describeDstNote, dstNotes, offsetChanges } from './dst-notes';

const FROM = Date.parse('2027-01-01T00:00:00Z');
const TO = Date.parse('2028-01-01T00:00:00Z');

describe('offsetChanges', () => {
  it('finds the two daylight-saving changes of a year, and none in UTC', () => {
    const changes = offsetChanges('Europe/Prague', FROM, TO);
    expect(changes.map((change) => new Date(change.at).toISOString())).toEqual(['2027-03-28T01:00:00.000Z', '2027-10-31T01:00:00.000Z']);
    expect(changes[0]).toMatchObject({ before: 3_600_000, after: 7_200_000 });
    expect(offsetChanges('UTC', FROM, TO)).toEqual([]);
  });
});

describe('dstNotes', () => {
  it('flags a daily time skipped in spring, and says where it goes', () => {
    const notes = dstNotes(parseCron('0 30 2 * * ?'), 'Europe/Prague', FROM, TO);
    expect(notes.map((note) => note.kind)).toEqual(['gap', 'repeat']);
    expect(describeDstNote(notes[0]!, 'Europe/Prague')).toBe('On 28 Mar 2027, 02:30 does not exist in Europe/Prague (clocks go forward 1 h): it fires at 03:30 instead.');
    expect(describeDstNote(notes[1]!, 'Europe/Prague')).toBe('On 31 Oct 2027, 02:30 happens twice in Europe/Prague (clocks go back 1 h): it fires once, at the first 02:30.');
  });

  it('says an interval-like cron fires in both passes of the repeated hour', () => {
    const notes = dstNotes(parseCron('0 0/15 * * * ?'), 'America/New_York', FROM, TO);
    expect(notes.map((note) => [note.kind, note.twice])).toEqual([
      ['gap', false],
      ['repeat', true],
    ]);
  });

  it('stays quiet for times clear of the change, for other days, and in UTC', () => {
    expect(dstNotes(parseCron('0 0 23 * * ?'), 'Europe/Prague', FROM, TO)).toEqual([]);
    expect(dstNotes(parseCron('0 30 2 ? * MON'), 'Europe/Prague', FROM, TO)).toEqual([]);
    expect(dstNotes(parseCron('0 30 2 * * ?'), 'UTC', FROM, TO)).toEqual([]);
  });
});
