import { ApiFault, type Infer, type LogSlice, type ResultOf, type RUNS, type runInfo } from '@taskomatic/shared';
import { getRun, listRuns, runsOfBunchRun, type RunView } from '../../db/repos/runs-repo.js';
import { parseParams } from '../../engine/claimer.js';
import { readLog, tailLog } from '../../logs/log-reader.js';
import { searchLog } from '../../logs/log-search.js';
import type { ApiDeps } from './api-deps.js';
import type { HandlerGroupOf } from './handler.js';
import { callerOf, compact, date, orgFilter, requireVisible } from './scope.js';
import type { Caller } from '../gate.js';

type RunInfo = Infer<typeof runInfo>;

/** Run history, one run with its steps, cancel, and logs: org admins see their org's only. */
export function runHandlers(deps: ApiDeps): HandlerGroupOf<Omit<typeof RUNS, 'calendar.range'>> {
  const { db } = deps;

  /** A task run the caller may see, or NOT_FOUND. */
  async function visibleRun(caller: Caller, taskRunId: number): Promise<RunView> {
    const run = await getRun(db, taskRunId);
    if (!run) throw new ApiFault('NOT_FOUND', `Run ${taskRunId} does not exist`);
    requireVisible(caller, run.orgId, `Run ${taskRunId}`);
    return run;
  }

  async function visibleBunchRun(caller: Caller, bunchRunId: number) {
    const row = await db
      .selectFrom('bunch_runs as r')
      .innerJoin('bunches as b', 'b.id', 'r.bunch_id')
      .leftJoin('schedules as s', 's.id', 'r.schedule_id')
      .select(['r.id', 'r.schedule_id', 's.label', 'b.name as bunch', 'r.org_id', 'r.status', 'r.status_reason', 'r.trigger', 'r.due_at', 'r.started_at', 'r.ended_at', 'r.params', 'r.steps', 'r.requested_by'])
      .where('r.id', '=', bunchRunId)
      .executeTakeFirst();
    if (!row) throw new ApiFault('NOT_FOUND', `Run ${bunchRunId} does not exist`);
    requireVisible(caller, row.org_id === null ? null : Number(row.org_id), `Run ${bunchRunId}`);
    return row;
  }

  return {
    async 'runs.list'(call, filter) {
      const caller = callerOf(call);
      const limit = filter.limit ?? 100;
      const runs = await listRuns(db, {
        orgId: orgFilter(caller, filter),
        limit: limit + 1,
        ...(filter.task ? { task: filter.task } : {}),
        ...(filter.bunch ? { bunch: filter.bunch } : {}),
        ...(filter.scheduleId !== undefined ? { scheduleId: filter.scheduleId } : {}),
        ...(filter.statuses ? { statuses: filter.statuses } : {}),
        ...(filter.from ? { from: filter.from.getTime() } : {}),
        ...(filter.to ? { to: filter.to.getTime() } : {}),
        ...(filter.before !== undefined ? { beforeId: filter.before } : {}),
      });
      const page = runs.slice(0, limit);
      const result: ResultOf<'runs.list'> = { runs: page.map(toRunInfo) };
      const last = page.at(-1);
      if (runs.length > limit && last) result.nextCursor = last.id;
      return result;
    },
    async 'runs.get'(call, { bunchRunId }) {
      const row = await visibleBunchRun(callerOf(call), bunchRunId);
      const steps = await runsOfBunchRun(db, bunchRunId);
      let planned: Array<{ task: string; startIf?: 'FINISHED' | 'FAILED' }> = [];
      try {
        planned = (JSON.parse(row.steps) as Array<{ task: string; startIf: 'FINISHED' | 'FAILED' | null }>).map((s) => compact({ task: s.task, startIf: s.startIf ?? undefined }));
      } catch {
        // A row edited by hand: the planned steps are unknown, the steps that ran still show.
      }
      return compact({
        id: Number(row.id),
        scheduleId: row.schedule_id === null ? undefined : Number(row.schedule_id),
        scheduleLabel: row.label ?? undefined,
        bunch: row.bunch,
        orgId: row.org_id === null ? undefined : Number(row.org_id),
        status: row.status as RunInfo['status'],
        statusReason: row.status_reason ?? undefined,
        trigger: row.trigger as RunInfo['trigger'],
        dueTime: new Date(Number(row.due_at)),
        startTime: date(row.started_at),
        endTime: date(row.ended_at),
        params: { ...parseParams(row.params) },
        requestedBy: row.requested_by ?? undefined,
        steps: steps.map(toRunInfo),
        plannedSteps: planned,
      });
    },
    async 'runs.cancel'(call, { bunchRunId }) {
      const caller = callerOf(call);
      await visibleBunchRun(caller, bunchRunId);
      const result = await deps.engine.cancel(bunchRunId, caller.username);
      if (result === 'not-found') throw new ApiFault('NOT_FOUND', `Run ${bunchRunId} does not exist`);
      return { result };
    },
    async 'logs.read'(call, { runId, stream, offset, length, encoding }) {
      await visibleRun(callerOf(call), runId);
      return toSlice(await readLog(db, runId, stream ?? 'stdout', offset, length ?? 256 * 1024), encoding ?? 'text');
    },
    async 'logs.tail'(call, { runId, stream, bytes, encoding }) {
      await visibleRun(callerOf(call), runId);
      return toSlice(await tailLog(db, runId, stream ?? 'stdout', bytes ?? 64 * 1024), encoding ?? 'text');
    },
    async 'logs.search'(call, request) {
      await visibleRun(callerOf(call), request.runId);
      return searchLog(db, request.runId, request.stream ?? 'stdout', {
        query: request.query,
        regex: request.regex ?? false,
        caseSensitive: request.caseSensitive ?? false,
        limit: request.limit ?? 1000,
      });
    },
  };
}

/**
 * A stored slice as the API returns it. Logs are bytes and text is what most callers want, but a string cannot
 * carry them all: bytes that are not UTF-8, and ESC (colour codes) and the other control characters XML 1.0
 * forbids, arrive as U+FFFD. With `base64` the exact bytes travel instead, and `data` stays empty rather than
 * sending the slice twice.
 */
function toSlice(slice: Awaited<ReturnType<typeof readLog>>, encoding: 'text' | 'base64'): LogSlice {
  return {
    offset: slice.offset,
    ...(encoding === 'base64' ? { data: '', dataBase64: slice.data } : { data: slice.data.toString('utf8') }),
    bytes: slice.data.length,
    size: slice.size,
    droppedBytes: slice.dropped,
    complete: slice.complete,
  };
}

/** A run history row as the API returns it. */
export function toRunInfo(run: RunView): RunInfo {
  return compact({
    id: run.id,
    bunchRunId: run.bunchRunId,
    scheduleId: run.scheduleId ?? undefined,
    scheduleLabel: run.scheduleLabel ?? undefined,
    bunch: run.bunch,
    orgId: run.orgId ?? undefined,
    step: run.position + 1,
    task: run.task,
    status: run.status,
    statusReason: run.statusReason ?? undefined,
    trigger: run.trigger,
    dueTime: new Date(run.dueAt),
    startTime: date(run.startTime),
    endTime: date(run.endTime),
    exitCode: run.exitCode ?? undefined,
    stdoutBytes: run.stdoutBytes,
    stderrBytes: run.stderrBytes,
    droppedBytes: run.stdoutDropped + run.stderrDropped,
    fireCount: run.fireCount,
  }) as RunInfo;
}
