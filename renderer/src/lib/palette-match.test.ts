import { describe, expect, it } from 'vitest';
import { matchCommands, type PaletteCommand } from './palette-match';

const command = (title: string, detail?: string): PaletteCommand => ({ id: title, title, ...(detail ? { detail } : {}), run: () => undefined });
const COMMANDS = [command('Go to Run history'), command('Go to Schedules'), command('demo-repo-sync-base', 'Schedule · sat-1'), command('demo-repo-sync-base', 'Schedule · sat-2'), command('New schedule')];

describe('matchCommands', () => {
  it('gives every command, in order, for an empty query', () => {
    expect(matchCommands(COMMANDS, '  ').map((item) => item.title)).toEqual(COMMANDS.map((item) => item.title));
  });

  it('finds words by their starts, in any order, in the title or the detail', () => {
    expect(matchCommands(COMMANDS, 'rep ba').map((item) => item.detail)).toEqual(['Schedule · sat-1', 'Schedule · sat-2']);
    expect(matchCommands(COMMANDS, 'base sat-2').map((item) => item.detail)).toEqual(['Schedule · sat-2']);
    // Case does not matter; shorter titles first when none starts with the word.
    expect(matchCommands(COMMANDS, 'SCHED').map((item) => item.title)).toEqual(['New schedule', 'Go to Schedules', 'demo-repo-sync-base', 'demo-repo-sync-base']);
  });

  it('does not match the middle of a word', () => {
    expect(matchCommands(COMMANDS, 'epo')).toEqual([]);
  });

  it('puts titles that start with the first word first', () => {
    expect(matchCommands(COMMANDS, 'go')[0]?.title).toBe('Go to Schedules');
  });
});
