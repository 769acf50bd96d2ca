import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Insertable, Kysely } from 'kysely';
import type { Tables } from '../db/tables.js';
import type { RunnableTask } from '../runner/task.js';

/** One scenario's result: printed as one JSON object. */
export interface ScenarioResult {
  readonly scenario: string;
  readonly [measure: string]: unknown;
}

/** A temporary data folder for one scenario. */
export function scratchFolder(name: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), `taskomatic-bench-${name}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** p-th percentile (0..100) of `values`, nearest rank. */
export function percentile(sorted: ReadonlyArray<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

/** p50, p99, max of a sample, rounded to 0.1. */
export function summary(values: ReadonlyArray<number>): { count: number; p50: number; p99: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return { count: sorted.length, p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)), max: round(sorted.at(-1) ?? Number.NaN) };
}

/** How many of `keys` repeat an earlier one: fires executed more than once, when the keys name fires. */
export function duplicates(keys: ReadonlyArray<string>): number {
  return keys.length - new Set(keys).size;
}

/**
 * A built-in task that notes the wall-clock instant it actually starts, per task run: fire lateness is that
 * instant minus the fire's due time, measured where the work begins, not where the engine decides to start it.
 */
export function probeTask(name = 'bench-probe'): RunnableTask & { readonly started: Map<number, number> } {
  const started = new Map<number, number>();
  return {
    name,
    description: 'benchmark probe: notes when it starts',
    kind: 'builtin',
    parallelizable: true,
    maxParallel: null,
    timeoutMs: 60_000,
    scope: 'any',
    parameters: [],
    available: true,
    unavailableReason: null,
    started,
    async run(execution) {
      started.set(execution.taskRunId, Date.now());
      execution.output.write('stdout', 'probe\n');
      return { exitCode: 0, signal: null, error: null };
    },
  };
}

/** Adds a satellite-level bunch with one step. */
export async function addBunch(db: Kysely<Tables>, name: string, task: string): Promise<number> {
  const { id } = await db
    .insertInto('bunches')
    .values({ name, description: `benchmark ${name}`, org_bunch: 0, created_at: 0, updated_at: 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('bunch_steps').values({ bunch_id: id, position: 0, task, start_if: null }).execute();
  return Number(id);
}

/** Inserts schedules in bulk (the engine computes their next fires when it starts). */
export async function insertSchedules(
  db: Kysely<Tables>,
  bunchId: number,
  count: number,
  shape: (i: number) => { cron?: string; runAt?: number },
): Promise<void> {
  for (let start = 0; start < count; start += 2000) {
    const rows: Array<Insertable<Tables['schedules']>> = [];
    for (let i = start; i < Math.min(count, start + 2000); i++) {
      const { cron, runAt } = shape(i);
      rows.push({
        label: `bench-${i}`,
        bunch_id: bunchId,
        org_id: null,
        kind: cron ? 'cron' : 'once',
        cron_expr: cron ?? null,
        time_zone: 'UTC',
        run_at: runAt ?? null,
        params: '{}',
        overlap_policy: 'SKIP',
        misfire_policy: 'RUN_ONCE',
        paused: 0,
        version: 1,
        created_at: 0,
        updated_at: 0,
        created_by: 'bench',
      });
    }
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += 200) await trx.insertInto('schedules').values(rows.slice(i, i + 200)).execute();
    });
  }
}

/** Unschedules the default schedules so only the benchmark's own fire. */
export async function endDefaultSchedules(db: Kysely<Tables>): Promise<void> {
  await db.updateTable('schedules').set({ ended_at: 0, end_reason: 'benchmark', next_fire_at: null }).where('created_by', '=', 'installer').execute();
}

/** Resolves after `ms` of real time (benchmarks wait on the real clock on purpose). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
