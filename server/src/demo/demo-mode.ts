import type { Kysely } from 'kysely';
import type { Tables } from '../db/tables.js';
import type { Clock } from '../engine/clock.js';
import { literalArg } from '../runner/command/arg-template.js';
import type { CommandTaskConfig } from '../runner/command/command-task-config.js';
import type { ScheduleDraft, ScheduleService } from '../services/schedule-service.js';
import { type SimulatorName, simulatorPath } from './simulators.js';

const DEMO_ORG = 'demo-org';
const DEMO_ACTOR = 'demo';

/**
 * The command tasks of demo mode: repo-sync and satellite-sync run the simulators shipped with the server,
 * which take a few seconds, print progress and warnings, and fail for channel `broken`.
 */
export function demoCommandTasks(tasks: Readonly<Record<string, CommandTaskConfig>>): Record<string, CommandTaskConfig> {
  const result = { ...tasks };
  for (const name of ['repo-sync', 'satellite-sync'] as const satisfies ReadonlyArray<SimulatorName>) {
    const task = tasks[name];
    if (!task) continue;
    result[name] = Object.freeze({
      ...task,
      description: `${task.description} [demo: simulated]`,
      executable: process.execPath,
      args: Object.freeze([literalArg(simulatorPath(name)), ...task.args]),
    });
  }
  return result;
}

/** The demo schedules; `firstSync` is added anew at each start so something fires within seconds. */
function demoDrafts(orgId: number, now: number): { recurring: ScheduleDraft[]; firstSync: ScheduleDraft } {
  const repoSync = (label: string, cron: string, channel: string): ScheduleDraft => ({
    label,
    bunch: 'repo-sync-bunch',
    orgId,
    cron,
    timeZone: 'UTC',
    params: { channel },
  });
  return {
    recurring: [
      repoSync('demo-repo-sync-base', '0 0/2 * * * ?', 'demo-base'),
      repoSync('demo-repo-sync-updates', '30 1/5 * * * ?', 'demo-updates'),
      repoSync('demo-repo-sync-broken', '0 3/10 * * * ?', 'broken'),
      { label: 'demo-satellite-sync', bunch: 'sat-sync-bunch', orgId, cron: '0 0/15 * * * ?', timeZone: 'UTC' },
    ],
    firstSync: { label: 'demo-first-sync', bunch: 'repo-sync-bunch', orgId, runAt: now + 15_000, params: { channel: 'demo-welcome' } },
  };
}

/**
 * Adds the demo org and its schedules where they are missing, so a newcomer's first start shows real
 * activity: a repo sync 15 seconds after start, others every few minutes, one that fails. Returns the labels
 * it added.
 */
export async function seedDemoSchedules(db: Kysely<Tables>, schedules: ScheduleService, clock: Clock): Promise<string[]> {
  const now = clock.now();
  const org = await db
    .insertInto('orgs')
    .values({ name: DEMO_ORG, created_at: now })
    .onConflict((oc) => oc.column('name').doUpdateSet({ name: DEMO_ORG }))
    .returning('id')
    .executeTakeFirstOrThrow();
  const orgId = Number(org.id);
  const { recurring, firstSync } = demoDrafts(orgId, now);
  const active = await db
    .selectFrom('schedules')
    .select('label')
    .where('org_id', '=', orgId)
    .where('ended_at', 'is', null)
    .execute();
  const existing = new Set(active.map((r) => r.label));
  const added: string[] = [];
  for (const draft of [...recurring, firstSync]) {
    if (existing.has(draft.label)) continue;
    await schedules.create(draft, DEMO_ACTOR);
    added.push(draft.label);
  }
  return added;
}
