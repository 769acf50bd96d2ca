/** Status of a task run or a bunch run (PRODUCT.md, "task run"). */
export const RUN_STATUSES = [
  'READY',
  'POSTPONED',
  'RUNNING',
  'FINISHED',
  'FAILED',
  'TIMED_OUT',
  'CANCELLED',
  'SKIPPED',
  'INTERRUPTED',
  'MISSED',
] as const;

export type RunStatus = (typeof RUN_STATUSES)[number];

/** Statuses of a run that has not ended: waiting for its time, for a free task, or going. */
export const UNDER_WAY_STATUSES: ReadonlyArray<RunStatus> = ['READY', 'POSTPONED', 'RUNNING'];
const UNDER_WAY: ReadonlySet<RunStatus> = new Set<RunStatus>(UNDER_WAY_STATUSES);

/** Statuses after which nothing more happens to a run. */
export const FINAL_STATUSES: ReadonlySet<RunStatus> = new Set(RUN_STATUSES.filter((s) => !UNDER_WAY.has(s)));

/** True when the run has ended and will not change again. */
export function isFinalStatus(status: RunStatus): boolean {
  return FINAL_STATUSES.has(status);
}

/** True for a string that names a run status. */
export function isRunStatus(value: string): value is RunStatus {
  return (RUN_STATUSES as ReadonlyArray<string>).includes(value);
}

/**
 * Condition on the latest earlier step that actually ran: null runs whatever its outcome,
 * `FINISHED` only after a success, `FAILED` only after a failure or a timeout.
 */
export type StartIf = null | 'FINISHED' | 'FAILED';

/** What happens when a schedule fires while its previous bunch run is still going (default: SKIP). */
export const OVERLAP_POLICIES = ['SKIP', 'QUEUE_ONE', 'ALLOW'] as const;
export type OverlapPolicy = (typeof OVERLAP_POLICIES)[number];

/** What happens to fires that passed while the server was down (default: RUN_ONCE). */
export const MISFIRE_POLICIES = ['RUN_ONCE', 'SKIP'] as const;
export type MisfirePolicy = (typeof MISFIRE_POLICIES)[number];

/** Why a bunch run exists. */
export const RUN_TRIGGERS = ['cron', 'once', 'manual', 'moved', 'catch-up'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];

/** Fails to compile when a switch over a union misses a member. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
