import type { Kysely } from 'kysely';

/**
 * Spacewalk's default bunches and schedules (PRODUCT.md, "Spacewalk's default data"), plus database
 * maintenance, and the default settings. Frozen in time: the values are written out here, not imported.
 *
 * Schedules whose bunch runs command tasks are installed paused: those tasks need an executable that the
 * administrator points at in the configuration, and an active schedule would record a failure every minute
 * until then.
 */
interface DefaultBunch {
  readonly name: string;
  readonly description: string;
  readonly orgBunch: boolean;
  readonly steps: ReadonlyArray<readonly [task: string, startIf: 'FINISHED' | 'FAILED' | null]>;
  readonly schedule?: { readonly label: string; readonly cron: string; readonly needsExecutable?: string };
}

const BUNCHES: ReadonlyArray<DefaultBunch> = [
  {
    name: 'daily-status-bunch',
    description: "Sums up yesterday's runs and writes the daily summary",
    orgBunch: false,
    steps: [
      ['summary-population', null],
      ['daily-summary', 'FINISHED'],
    ],
    schedule: { label: 'daily-status-default', cron: '0 0 23 ? * *' },
  },
  {
    name: 'clear-taskologs-bunch',
    description: 'Removes runs and their logs older than the retention setting',
    orgBunch: false,
    steps: [['clear-log-history', null]],
    schedule: { label: 'clear-taskologs-default', cron: '0 0 23 ? * *' },
  },
  {
    name: 'session-cleanup-bunch',
    description: 'Removes expired API sessions',
    orgBunch: false,
    steps: [['session-cleanup', null]],
    schedule: { label: 'session-cleanup-default', cron: '0 0/15 * * * ?' },
  },
  {
    name: 'db-maintenance-bunch',
    description: "Checks and compacts the scheduler's database",
    orgBunch: false,
    steps: [['db-maintenance', null]],
    schedule: { label: 'db-maintenance-default', cron: '0 30 3 ? * SUN' },
  },
  {
    name: 'sat-sync-bunch',
    description: 'Synchronises the satellite with its parent',
    orgBunch: true,
    steps: [['satellite-sync', null]],
  },
  {
    name: 'repo-sync-bunch',
    description: "Synchronises a channel's repositories (parameter: channel)",
    orgBunch: true,
    steps: [['repo-sync', null]],
  },
  {
    name: 'errata-cache-bunch',
    description: 'Updates the errata cache, then mails errata notifications',
    orgBunch: false,
    steps: [
      ['errata-cache', null],
      ['errata-mailer', 'FINISHED'],
    ],
    schedule: { label: 'errata-cache-default', cron: '0 * * * * ?', needsExecutable: 'errata-cache' },
  },
  {
    name: 'channel-repodata-bunch',
    description: 'Regenerates repository metadata of changed channels',
    orgBunch: false,
    steps: [['channel-repodata', null]],
    schedule: { label: 'channel-repodata-default', cron: '0 * * * * ?', needsExecutable: 'channel-repodata' },
  },
  {
    name: 'cleanup-data-bunch',
    description: 'Removes orphaned package changelog data',
    orgBunch: false,
    steps: [['cleanup-packagechangelog-data', null]],
    schedule: {
      label: 'cleanup-data-default',
      cron: '0 0 23 ? * *',
      needsExecutable: 'cleanup-packagechangelog-data',
    },
  },
  {
    name: 'sandbox-cleanup-bunch',
    description: 'Removes old configuration sandbox files',
    orgBunch: false,
    steps: [['sandbox-cleanup', null]],
    schedule: { label: 'sandbox-cleanup-default', cron: '0 5 4 ? * *', needsExecutable: 'sandbox-cleanup' },
  },
  {
    name: 'package-cleanup-bunch',
    description: 'Removes packages no channel references any more',
    orgBunch: false,
    steps: [['package-cleanup', null]],
    schedule: { label: 'package-cleanup-default', cron: '0 0/10 * * * ?', needsExecutable: 'package-cleanup' },
  },
];

const SETTINGS: Readonly<Record<string, unknown>> = {
  retention_days: 7,
  log_cap_bytes: 100 * 1024 * 1024,
  postpone_limit_seconds: 3600,
  misfire_grace_seconds: 3600,
  org_admins_may_see_satellite_schedules: false,
  session_idle_minutes: 30,
};

export async function up(db: Kysely<any>): Promise<void> {
  const now = Date.now();
  // The satellite's zone when the database was created; an administrator changes it through the settings.
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

  await db
    .insertInto('settings')
    .values(
      Object.entries({ ...SETTINGS, default_time_zone: zone }).map(([key, value]) => ({
        key,
        value: JSON.stringify(value),
        updated_at: now,
      })),
    )
    .execute();

  await db
    .insertInto('id_blocks')
    .values([
      { name: 'bunch_runs', next_id: 1 },
      { name: 'task_runs', next_id: 1 },
    ])
    .execute();

  for (const bunch of BUNCHES) {
    const { id } = await db
      .insertInto('bunches')
      .values({
        name: bunch.name,
        description: bunch.description,
        org_bunch: bunch.orgBunch ? 1 : 0,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('bunch_steps')
      .values(bunch.steps.map(([task, startIf], position) => ({ bunch_id: id, position, task, start_if: startIf })))
      .execute();
    const schedule = bunch.schedule;
    if (!schedule) continue;
    await db
      .insertInto('schedules')
      .values({
        label: schedule.label,
        bunch_id: id,
        org_id: null,
        kind: 'cron',
        cron_expr: schedule.cron,
        time_zone: zone,
        params: '{}',
        overlap_policy: 'SKIP',
        misfire_policy: 'RUN_ONCE',
        paused: schedule.needsExecutable ? 1 : 0,
        pause_reason: schedule.needsExecutable
          ? `Installed paused: ${schedule.needsExecutable} is a command task; point it at an executable in the configuration, then resume this schedule.`
          : null,
        version: 1,
        // Computed by the engine when it starts: migrations do not evaluate cron.
        next_fire_at: null,
        created_at: now,
        updated_at: now,
        created_by: 'installer',
      })
      .execute();
  }
}
