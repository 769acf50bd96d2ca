import type { TaskInfo } from '@taskomatic/shared';

/**
 * Why `task` may not run for a run of `orgId` (null: satellite-level), or null when it may. A satellite-level
 * task (e.g. clear-log-history, which removes every org's runs) never runs inside an org's bunch, and an
 * org-level one never runs for the satellite.
 */
export function scopeRefusal(task: Pick<TaskInfo, 'name' | 'scope'>, orgId: number | null): string | null {
  if (task.scope === 'satellite' && orgId !== null) return `task ${task.name} is satellite-level: it cannot run inside an org`;
  if (task.scope === 'org' && orgId === null) return `task ${task.name} runs inside an org: it cannot run for the satellite`;
  return null;
}
