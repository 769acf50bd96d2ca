import type { z } from 'zod';
import { commandTaskSchema, type CommandTaskConfig } from './command-task-config.js';

// Spacewalk channel labels: lowercase letters, digits, '.', '_' and '-'. The first character may not be '-' so
// that a label can never be read as an option by the program receiving it.
const CHANNEL_LABEL = '^[a-z0-9][a-z0-9._-]*$';

/** Tasks whose work belongs to a Spacewalk installation: unavailable until the administrator names a program. */
function toBeConfigured(description: string, timeout: string): z.input<typeof commandTaskSchema> {
  return { description, executable: null, timeout, parallelizable: false, scope: 'satellite' };
}

const DEFINITIONS: Readonly<Record<string, z.input<typeof commandTaskSchema>>> = {
  'satellite-sync': {
    description: 'Synchronises channels, packages and errata from the parent satellite (satellite-sync)',
    executable: '/usr/bin/satellite-sync',
    args: ['--channel={channel}', '{no-errata?--no-errata}', '{dry-run?--dry-run}'],
    parameters: {
      channel: {
        type: 'string',
        pattern: CHANNEL_LABEL,
        description: 'Label of the channel to synchronise (default: every channel already imported)',
      },
      'no-errata': { type: 'boolean', default: false, description: 'Do not synchronise errata' },
      'dry-run': { type: 'boolean', default: false, description: 'Show what would be imported, import nothing' },
    },
    timeout: '6h',
    // Two synchronisations would fight over the same channels and the same import tables.
    parallelizable: false,
    scope: 'org',
  },
  'repo-sync': {
    description: 'Synchronises one channel with its repositories (spacewalk-repo-sync)',
    executable: '/usr/bin/spacewalk-repo-sync',
    args: ['--channel', '{channel}', '{no-errata?--no-errata}', '{latest?--latest}'],
    parameters: {
      channel: { type: 'string', required: true, pattern: CHANNEL_LABEL, description: 'Label of the channel' },
      'no-errata': { type: 'boolean', default: false, description: 'Do not synchronise errata' },
      latest: { type: 'boolean', default: false, description: 'Synchronise only the latest version of each package' },
    },
    timeout: '4h',
    parallelizable: true,
    scope: 'org',
  },
  'errata-cache': toBeConfigured('Recomputes which systems each erratum applies to', '1h'),
  'errata-mailer': toBeConfigured('Mails notifications of new errata to the users whose systems they affect', '30m'),
  'channel-repodata': toBeConfigured('Regenerates the repository metadata of channels that changed', '2h'),
  'cleanup-packagechangelog-data': toBeConfigured('Removes package changelog entries no package refers to', '1h'),
  'sandbox-cleanup': toBeConfigured('Removes configuration files and channels left in the sandbox for too long', '30m'),
  'package-cleanup': toBeConfigured('Removes package files from disk that no channel refers to any more', '1h'),
};

/**
 * The command tasks the server knows out of the box, from Spacewalk's default set (PRODUCT.md). The
 * configuration file may point them at other programs or change their settings. Parsed and frozen.
 */
export const DEFAULT_COMMAND_TASKS: Readonly<Record<string, CommandTaskConfig>> = Object.freeze(
  Object.fromEntries(
    Object.entries(DEFINITIONS).map(([name, definition]) => [name, commandTaskSchema.parse(definition)]),
  ),
);
