import { isFinalStatus, type BunchRunDetail, type RunInfo, type RunStatus, type StepInfo } from '@taskomatic/shared';

/** How long a run took, or has been going (ms); undefined when it never started. */
export function runDuration(run: { readonly startTime?: Date; readonly endTime?: Date }, now: number): number | undefined {
  if (!run.startTime) return undefined;
  return Math.max(0, (run.endTime?.getTime() ?? now) - run.startTime.getTime());
}

/** True while a run can still change: waiting for its time or a free task, or going. */
export function isUnderWay(status: RunStatus): boolean {
  return !isFinalStatus(status);
}

/** One step of a bunch run: what was planned, and the task run it became, if it came to run. */
export interface StepRow {
  /** 1 for the first step. */
  readonly step: number;
  readonly task: string;
  readonly startIf?: StepInfo['startIf'];
  readonly run?: RunInfo;
  /**
   * `ran`: it has a task run (whatever its status); `next`: the bunch is under way and will come to it;
   * `not-reached`: the bunch ended before it (cancelled, interrupted, or failed outside any condition).
   */
  readonly state: 'ran' | 'next' | 'not-reached';
}

/**
 * The planned steps beside the task runs they became. When the planned steps are unknown (a run recorded before
 * they were kept), the steps that ran are listed on their own.
 */
export function stepRows(detail: Pick<BunchRunDetail, 'status' | 'steps' | 'plannedSteps'>): ReadonlyArray<StepRow> {
  const byStep = new Map(detail.steps.map((run) => [run.step, run]));
  const underWay = isUnderWay(detail.status);
  const planned: StepRow[] = detail.plannedSteps.map((planned, index) => {
    const run = byStep.get(index + 1);
    return { step: index + 1, task: planned.task, ...(planned.startIf ? { startIf: planned.startIf } : {}), ...(run ? { run, state: 'ran' } : { state: underWay ? 'next' : 'not-reached' }) };
  });
  const extra: StepRow[] = detail.steps.filter((run) => run.step > detail.plannedSteps.length).map((run) => ({ step: run.step, task: run.task, run, state: 'ran' }));
  return [...planned, ...extra];
}

/** The condition of a step in words (PRODUCT.md "Steps"). */
export function startIfWords(startIf: StepInfo['startIf'], step: number): string {
  if (step === 1) return 'first step';
  switch (startIf) {
    case 'FINISHED':
      return 'only if the earlier step finished';
    case 'FAILED':
      return 'only if the earlier step failed or timed out';
    case undefined:
      return 'whatever the earlier step did';
  }
}

/**
 * The step whose log opens first: the one the link asks for, else the one going now, else the last that failed,
 * else the last that ran.
 */
export function defaultStep(steps: ReadonlyArray<RunInfo>, requested: number | undefined): RunInfo | undefined {
  const asked = steps.find((run) => run.id === requested);
  if (asked) return asked;
  const reversed = [...steps].reverse();
  return (
    reversed.find((run) => run.status === 'RUNNING') ??
    reversed.find((run) => run.status === 'FAILED' || run.status === 'TIMED_OUT') ??
    reversed.find((run) => run.startTime !== undefined) ??
    reversed[0]
  );
}

/** "2 of 3 steps ran". */
export function stepsSummary(rows: ReadonlyArray<StepRow>): string {
  const ran = rows.filter((row) => row.state === 'ran').length;
  return `${ran} of ${rows.length} step${rows.length === 1 ? '' : 's'} ran`;
}

/** A line range of a link (`lines=120-140`, or `lines=120`), 1-based and inclusive; undefined when malformed. */
export function parseLines(text: string | undefined): { readonly from: number; readonly to: number } | undefined {
  const match = /^(\d+)(?:-(\d+))?$/.exec(text ?? '');
  if (!match) return undefined;
  const from = Number(match[1]);
  const to = match[2] === undefined ? from : Number(match[2]);
  if (from < 1 || to < from) return undefined;
  return { from, to };
}

/** The text of a run's parameters, one `name = value` each, in name order. */
export function paramLines(params: Readonly<Record<string, unknown>>): ReadonlyArray<string> {
  return Object.keys(params)
    .sort()
    .map((name) => `${name} = ${typeof params[name] === 'string' ? (params[name] as string) : JSON.stringify(params[name])}`);
}
