import { describe, expect, it } from 'vitest';
import { validateParams } from '../params/validate-params.js';
import { renderArgs } from './arg-template.js';
import { toTaskParameters } from './command-task-config.js';
import { createCommandTask } from './command-task.js';
import { DEFAULT_COMMAND_TASKS } from './default-command-tasks.js';

/** The argument list a default task gets for `given` parameter values. */
function argsOf(name: string, given: Record<string, unknown>): string[] {
  const config = DEFAULT_COMMAND_TASKS[name];
  if (!config) throw new Error(`no default task ${name}`);
  return renderArgs(config.args, validateParams(toTaskParameters(config), given));
}

describe('DEFAULT_COMMAND_TASKS', () => {
  it('holds the Spacewalk command tasks, frozen', () => {
    expect(Object.keys(DEFAULT_COMMAND_TASKS).sort()).toEqual([
      'channel-repodata',
      'cleanup-packagechangelog-data',
      'errata-cache',
      'errata-mailer',
      'package-cleanup',
      'repo-sync',
      'sandbox-cleanup',
      'satellite-sync',
    ]);
    expect(Object.isFrozen(DEFAULT_COMMAND_TASKS)).toBe(true);
    expect(Object.values(DEFAULT_COMMAND_TASKS).every((task) => Object.isFrozen(task))).toBe(true);
  });

  it('runs satellite-sync once at a time', () => {
    const task = createCommandTask('satellite-sync', DEFAULT_COMMAND_TASKS['satellite-sync']!);
    expect(task).toMatchObject({ parallelizable: false, maxParallel: 1, scope: 'org', timeoutMs: 6 * 3_600_000 });
    expect(argsOf('satellite-sync', {})).toEqual([]);
    expect(argsOf('satellite-sync', { channel: 'rhel-9-x86_64', 'dry-run': 'true' })).toEqual([
      '--channel=rhel-9-x86_64',
      '--dry-run',
    ]);
  });

  it('gives repo-sync its channel as one argument, and refuses a channel that looks like an option', () => {
    expect(DEFAULT_COMMAND_TASKS['repo-sync']).toMatchObject({ parallelizable: true, scope: 'org', timeout: 4 * 3_600_000 });
    expect(argsOf('repo-sync', { channel: 'sles15-sp5-updates', 'no-errata': 'yes' })).toEqual([
      '--channel',
      'sles15-sp5-updates',
      '--no-errata',
    ]);
    expect(() => argsOf('repo-sync', {})).toThrow('Parameter channel: required but not given');
    expect(() => argsOf('repo-sync', { channel: '--config=/tmp/x' })).toThrow(/Parameter channel: .* does not match/);
  });

  it('lists the tasks without a program as unavailable, with the way to fix it', () => {
    const task = createCommandTask('errata-cache', DEFAULT_COMMAND_TASKS['errata-cache']!);
    expect(task).toMatchObject({
      available: false,
      scope: 'satellite',
      unavailableReason: 'no executable configured; set tasks.errata-cache.executable in the configuration',
    });
  });
});
