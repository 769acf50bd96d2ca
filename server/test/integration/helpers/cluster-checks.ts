import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type PlannedSchedule, WORK } from './cluster-plan.js';
import { type BunchRunRow, type ClusterState, type TaskRunRow, UNDER_WAY } from './cluster-rows.js';

/**
 * The checks of the cluster failover test, as functions from rows to a list of problems, each naming the
 * schedule, the fire and the runs involved: an empty list is a pass, and a failure says exactly what went wrong.
 */

/** A planned schedule with the id the server gave it. */
export interface CreatedSchedule extends PlannedSchedule {
  readonly id: number;
}

/** What the lost node left in the database, read while it was frozen (final: it wrote nothing more). */
export interface LostNodeRows {
  readonly nodeId: string;
  /** When it stopped doing anything (its commands were killed a moment later, at `commandsKilledAt`). */
  readonly frozenAt: number;
  readonly commandsKilledAt: number;
  /** Its bunch runs RUNNING: each must end INTERRUPTED. */
  readonly underWay: ReadonlyArray<BunchRunRow>;
  /** Its bunch runs POSTPONED (a step waiting for its task): another node must go on with them, not interrupt them. */
  readonly postponed: ReadonlyArray<BunchRunRow>;
  /** Its bunch runs READY (claimed, not started): another node must adopt them (run them, or record the misfire). */
  readonly ready: ReadonlyArray<BunchRunRow>;
  /** Every bunch run under its name then, whatever its status. */
  readonly allIds: ReadonlySet<number>;
}

const iso = (at: number | null): string => (at === null || !Number.isFinite(at) ? 'none' : new Date(at).toISOString());

/** A run as a problem names it. */
export function describeRun(run: BunchRunRow): string {
  return `run ${run.id} (${run.status}, ${run.trigger}, node ${run.nodeId ?? 'none'}, due ${iso(run.dueAt)}, started ${iso(run.startedAt)}, ended ${iso(run.endedAt)}${run.fireCount > 1 ? `, ${run.fireCount} fires up to ${iso(run.lastFireAt)}` : ''})`;
}

function runsBySchedule(runs: ReadonlyArray<BunchRunRow>): Map<number, BunchRunRow[]> {
  const by = new Map<number, BunchRunRow[]>();
  for (const run of runs) {
    if (run.scheduleId === null) continue;
    const list = by.get(run.scheduleId) ?? [];
    list.push(run);
    by.set(run.scheduleId, list);
  }
  return by;
}

/**
 * Every planned fire is recorded by exactly one bunch run, and every run stands for planned fires: a run stands
 * for the fire it is due at, and a streak record (`fire_count` > 1, up to `last_fire_at`: skipped or missed
 * fires counted on one record) for that many consecutive fires. A doubled fire shows as a fire recorded twice,
 * a lost one as a fire recorded never, a run at a wrong instant as a run that is no fire of its schedule.
 */
export function coverageProblems(schedules: ReadonlyArray<CreatedSchedule>, runs: ReadonlyArray<BunchRunRow>): string[] {
  const problems: string[] = [];
  const by = runsBySchedule(runs);
  for (const schedule of schedules) {
    const fires = schedule.occurrences;
    const coveredBy = fires.map((): BunchRunRow[] => []);
    for (const run of by.get(schedule.id) ?? []) {
      const first = fires.indexOf(run.dueAt);
      const last = fires.indexOf(run.lastFireAt ?? run.dueAt);
      if (first < 0 || last < first) {
        problems.push(`${schedule.label}: ${describeRun(run)} does not stand for fires of the schedule (${fires.length} fires from ${iso(fires[0] ?? null)})`);
        continue;
      }
      if (last - first + 1 !== run.fireCount) {
        problems.push(`${schedule.label}: ${describeRun(run)} covers ${last - first + 1} fires up to its last_fire_at but counts ${run.fireCount}`);
      }
      for (let i = first; i <= last; i++) coveredBy[i]?.push(run);
    }
    coveredBy.forEach((covering, i) => {
      if (covering.length === 1) return;
      const fire = `${schedule.label}: the fire due ${iso(fires[i] ?? null)}`;
      problems.push(covering.length === 0 ? `${fire} was never recorded (a lost fire)` : `${fire} is recorded ${covering.length} times: ${covering.map(describeRun).join('; ')}`);
    });
  }
  return problems;
}

/**
 * How each run ended, against what the test did: a run the lost node had running is INTERRUPTED (and only
 * those are); one it had postponed goes on on another node (FINISHED, or SKIPPED past the postpone limit); MISSED only for a fire the lost node had claimed and not started, with its reason, and never
 * for a one-time RUN_ONCE schedule (its one fire is the latest and within the grace: it runs as a catch-up);
 * SKIPPED only for a slow schedule under the SKIP or QUEUE_ONE overlap policy, with its reason; catch-ups only
 * under RUN_ONCE, for fires the lost node had claimed; everything else FINISHED (the commands succeed), on a
 * node that was alive when it started. No run is left under way, and no other schedule fires.
 */
export function outcomeProblems(
  schedules: ReadonlyArray<CreatedSchedule>,
  state: ClusterState,
  lost: LostNodeRows,
  nodeIds: ReadonlyArray<string>,
  /** Runs of other schedules (the seeded defaults, ended before the test's were created) are wrong from then on. */
  foreignSince: number,
): string[] {
  const problems: string[] = [];
  const byId = new Map(schedules.map((s) => [s.id, s]));
  const underWayAtLoss = new Set(lost.underWay.map((r) => r.id));
  const postponedAtLoss = new Set(lost.postponed.map((r) => r.id));
  const readyAtLoss = new Set(lost.ready.map((r) => `${r.scheduleId}@${r.dueAt}`));
  const heldReady = (run: BunchRunRow) => readyAtLoss.has(`${run.scheduleId}@${run.dueAt}`);
  const seen = new Set<number>();
  for (const run of state.bunchRuns) {
    const schedule = run.scheduleId === null ? undefined : byId.get(run.scheduleId);
    if (!schedule) {
      if (run.dueAt >= foreignSince) problems.push(`${describeRun(run)} belongs to no schedule of the test (schedule ${run.scheduleId ?? 'none'})`);
      continue;
    }
    seen.add(run.id);
    const what = `${schedule.label}: ${describeRun(run)}`;
    if (UNDER_WAY.has(run.status)) {
      problems.push(`${what} is still under way`);
      continue;
    }
    if (underWayAtLoss.has(run.id) !== (run.status === 'INTERRUPTED')) {
      problems.push(
        underWayAtLoss.has(run.id)
          ? `${what} was under way on the lost node, so it must be INTERRUPTED`
          : `${what} is INTERRUPTED though the lost node did not have it under way`,
      );
    }
    if (postponedAtLoss.has(run.id) && (run.nodeId === lost.nodeId || !['FINISHED', 'SKIPPED'].includes(run.status))) {
      problems.push(`${what} was postponed on the lost node, so another node must have gone on with it`);
    }
    if (run.trigger === 'catch-up' && (schedule.misfirePolicy !== 'RUN_ONCE' || !heldReady(run))) {
      problems.push(`${what} is a catch-up, but ${schedule.misfirePolicy !== 'RUN_ONCE' ? `the misfire policy is ${schedule.misfirePolicy}` : 'the lost node did not hold that fire'}`);
    }
    if (!['once', 'cron', 'catch-up'].includes(run.trigger)) problems.push(`${what}: nothing asked for a ${run.trigger} run`);
    if (run.startedAt !== null && (run.nodeId === null || !nodeIds.includes(run.nodeId))) problems.push(`${what} started on no node of the cluster`);
    // The lost node wrote nothing after the loss: nothing new can be under its name.
    if (run.nodeId === lost.nodeId && !lost.allIds.has(run.id)) problems.push(`${what} is under the lost node's name, but was not when it was lost`);
    switch (run.status) {
      case 'INTERRUPTED':
        if (!run.statusReason) problems.push(`${what} has no reason`);
        if (run.endedAt === null) problems.push(`${what} has no end`);
        break;
      case 'MISSED':
        if (!run.statusReason) problems.push(`${what} has no reason`);
        if (!heldReady(run)) problems.push(`${what}: only a fire the lost node had claimed may be missed`);
        if ('runAt' in schedule.timing && schedule.misfirePolicy === 'RUN_ONCE') {
          problems.push(`${what}: the only fire of a one-time RUN_ONCE schedule must run (as a catch-up when late), not be missed`);
        }
        break;
      case 'SKIPPED':
        if (!run.statusReason) problems.push(`${what} has no reason`);
        if (schedule.kind !== 'slow' || schedule.overlapPolicy === 'ALLOW') {
          problems.push(`${what}: only a fire that overlaps a run under way under the SKIP or QUEUE_ONE overlap policy may be skipped`);
        }
        break;
      case 'FINISHED':
        if (run.startedAt === null || run.endedAt === null) problems.push(`${what} has no start or end`);
        break;
      default:
        problems.push(`${what} ended ${run.status}${run.statusReason ? ` (${run.statusReason})` : ''}; the test's commands succeed`);
    }
  }
  for (const id of underWayAtLoss) if (!seen.has(id)) problems.push(`run ${id}, under way on the lost node, is gone`);
  // What the lost node had claimed was adopted: whatever of it ran, ran on a node that was alive.
  for (const held of lost.ready) {
    const now = state.bunchRuns.find((r) => r.id === held.id);
    if (now?.startedAt != null && now.nodeId === lost.nodeId) problems.push(`${describeRun(now)}, claimed by the lost node, ran under its name`);
  }
  return problems;
}

/**
 * The task runs: none left under way; a FINISHED bunch run has its one step FINISHED; an INTERRUPTED one has
 * its step INTERRUPTED with a reason and an end no earlier than its start.
 */
export function stepProblems(schedules: ReadonlyArray<CreatedSchedule>, state: ClusterState): string[] {
  const problems: string[] = [];
  const ours = new Set(schedules.map((s) => s.id));
  const steps = new Map<number, TaskRunRow[]>();
  for (const step of state.taskRuns) {
    if (UNDER_WAY.has(step.status)) problems.push(`task run ${step.id} (${step.task}, bunch run ${step.bunchRunId}) is still ${step.status}`);
    const list = steps.get(step.bunchRunId) ?? [];
    list.push(step);
    steps.set(step.bunchRunId, list);
  }
  for (const run of state.bunchRuns) {
    if (run.scheduleId === null || !ours.has(run.scheduleId)) continue;
    const own = steps.get(run.id) ?? [];
    if (run.status === 'FINISHED' && (own.length !== 1 || own[0]?.status !== 'FINISHED')) {
      problems.push(`${describeRun(run)} has steps ${JSON.stringify(own.map((s) => s.status))}, expected one FINISHED`);
    }
    if (run.status === 'INTERRUPTED') {
      if (own.length !== 1) problems.push(`${describeRun(run)} has ${own.length} steps, expected one`);
      for (const step of own) {
        if (step.status !== 'INTERRUPTED' || !step.statusReason || step.endedAt === null || (step.startedAt !== null && step.endedAt < step.startedAt)) {
          problems.push(`${describeRun(run)}: step ${step.id} is ${step.status} (${step.statusReason ?? 'no reason'}), started ${iso(step.startedAt)}, ended ${iso(step.endedAt)}`);
        }
      }
    }
  }
  return problems;
}

/** A time span something was going, and the node whose clock recorded it (null: the test's own clock). */
export interface Interval {
  readonly what: string;
  readonly node: string | null;
  readonly start: number;
  readonly end: number;
}

/**
 * Two nodes' records of one instant may differ by their clocks' alignment to the database's clock (a few ms on
 * one machine): spans recorded by different nodes may overlap this much without counting.
 */
export const CROSS_NODE_CLOCK_SLACK_MS = 20;

/**
 * Spans that overlap (one starts before an earlier one has ended); touching ends are fine, and so is an
 * overlap of up to CROSS_NODE_CLOCK_SLACK_MS between spans that different nodes recorded.
 */
export function overlapProblems(intervals: ReadonlyArray<Interval>): string[] {
  const problems: string[] = [];
  const sorted = [...intervals].sort((a, b) => a.start - b.start || a.end - b.end);
  let latest: Interval | undefined;
  for (const interval of sorted) {
    const slack = latest && latest.node !== interval.node ? CROSS_NODE_CLOCK_SLACK_MS : 0;
    if (latest && interval.start < latest.end - slack) {
      problems.push(
        `${interval.what} [${iso(interval.start)}, ${iso(interval.end)}] overlaps ${latest.what} [${iso(latest.start)}, ${iso(latest.end)}] by ${Math.min(latest.end, interval.end) - interval.start} ms`,
      );
    }
    if (!latest || interval.end > latest.end) latest = interval;
  }
  return problems;
}

/**
 * When a run or step that the lost node had under way really ended: its recorded end, or the moment its
 * command was killed, whichever is later (the record may say the node's last heartbeat, before the loss).
 */
function realEnd(status: string, startedAt: number, endedAt: number | null, lost: LostNodeRows): number {
  if (status === 'INTERRUPTED') return Math.max(endedAt ?? startedAt, lost.commandsKilledAt);
  return endedAt ?? Number.POSITIVE_INFINITY;
}

/** The steps of the task that is not parallelizable, as recorded: spans that must not overlap. */
export function serialStepIntervals(state: ClusterState, lost: LostNodeRows): Interval[] {
  const node = new Map(state.bunchRuns.map((r) => [r.id, r.nodeId]));
  return state.taskRuns
    .filter((t) => t.task === WORK.serial.task && t.startedAt !== null)
    .map((t) => ({
      what: `task run ${t.id} (${t.status}, node ${node.get(t.bunchRunId) ?? 'none'})`,
      node: node.get(t.bunchRunId) ?? null,
      start: t.startedAt ?? 0,
      end: realEnd(t.status, t.startedAt ?? 0, t.endedAt, lost),
    }));
}

/** The runs of one schedule that started, as spans: under SKIP and QUEUE_ONE they must not overlap. */
export function runIntervals(schedule: CreatedSchedule, state: ClusterState, lost: LostNodeRows): Interval[] {
  return state.bunchRuns
    .filter((r) => r.scheduleId === schedule.id && r.startedAt !== null)
    .map((r) => ({ what: `${schedule.label} ${describeRun(r)}`, node: r.nodeId, start: r.startedAt ?? 0, end: realEnd(r.status, r.startedAt ?? 0, r.endedAt, lost) }));
}

/** One execution of a command, as its trace file tells (cluster-work.sh). */
export interface Execution {
  readonly tag: string;
  readonly pid: number;
  /** null: killed before it wrote anything. */
  readonly start: number | null;
  /** null: killed before it finished. */
  readonly end: number | null;
}

/** Every execution traced in `dir`. */
export function readExecutions(dir: string): Execution[] {
  return readdirSync(dir).map((file) => {
    const match = /^(.+)\.(\d+)$/.exec(file);
    if (!match) throw new Error(`unexpected trace file ${file}`);
    const text = readFileSync(join(dir, file), 'utf8');
    const start = /^start (\d+)$/m.exec(text);
    const end = /^end (\d+)$/m.exec(text);
    return { tag: match[1] ?? '', pid: Number(match[2]), start: start ? Number(start[1]) : null, end: end ? Number(end[1]) : null };
  });
}

/**
 * What really ran, against the records, per schedule: each FINISHED run is one completed execution of its work,
 * and there is no other, except that a run the lost node had under way may have completed just before the loss
 * (unrecorded: the node was gone before it could say so). An execution that never completed was killed with
 * the lost node: it started before the node's commands were killed, at most one per run the node held. One
 * completed execution too many is a fire executed twice (by two nodes, or twice by one).
 */
export function executionProblems(schedules: ReadonlyArray<CreatedSchedule>, state: ClusterState, lost: LostNodeRows, executions: ReadonlyArray<Execution>): string[] {
  const problems: string[] = [];
  const byTag = new Map<string, Execution[]>();
  for (const e of executions) byTag.set(e.tag, [...(byTag.get(e.tag) ?? []), e]);
  const tally = (runs: ReadonlyArray<BunchRunRow>) => {
    const counts = new Map<number, number>();
    for (const r of runs) if (r.scheduleId !== null) counts.set(r.scheduleId, (counts.get(r.scheduleId) ?? 0) + 1);
    return (id: number) => counts.get(id) ?? 0;
  };
  const underWay = tally(lost.underWay);
  const held = tally([...lost.underWay, ...lost.ready]);
  const finished = tally(state.bunchRuns.filter((r) => r.status === 'FINISHED'));
  const labels = new Set(schedules.map((s) => s.label));
  for (const tag of byTag.keys()) if (!labels.has(tag)) problems.push(`an execution traced as ${tag}, which is no schedule of the test`);
  for (const schedule of schedules) {
    const own = byTag.get(schedule.label) ?? [];
    const completed = own.filter((e) => e.end !== null);
    const killed = own.filter((e) => e.end === null);
    const runs = finished(schedule.id);
    const unrecorded = completed.length - runs;
    const beforeLoss = completed.filter((e) => (e.end ?? 0) <= lost.commandsKilledAt).length;
    const pids = completed.map((e) => `${e.pid} ${iso(e.start)}..${iso(e.end)}`).join(', ') || 'none';
    if (unrecorded < 0) problems.push(`${schedule.label}: ${runs} FINISHED runs but its work completed ${completed.length} times (${pids})`);
    if (unrecorded > Math.min(underWay(schedule.id), beforeLoss)) {
      problems.push(`${schedule.label}: its work completed ${completed.length} times (${pids}) for ${runs} FINISHED runs (the lost node had ${underWay(schedule.id)} under way)`);
    }
    if (killed.length > held(schedule.id)) {
      problems.push(`${schedule.label}: ${killed.length} executions never completed, but the lost node held ${held(schedule.id)} of its runs`);
    }
    for (const e of killed) {
      if (e.start !== null && e.start > lost.commandsKilledAt) problems.push(`${schedule.label}: execution ${e.pid} started ${iso(e.start)}, after the lost node's commands were killed, and never completed`);
    }
  }
  return problems;
}

/** The executions of the serial task as spans (one killed with the lost node ends when it was killed). */
export function serialExecutionIntervals(schedules: ReadonlyArray<CreatedSchedule>, executions: ReadonlyArray<Execution>, lost: LostNodeRows): Interval[] {
  const serial = new Set(schedules.filter((s) => s.kind === 'serial').map((s) => s.label));
  return executions
    .filter((e) => serial.has(e.tag) && e.start !== null)
    .map((e) => ({ what: `execution ${e.pid} of ${e.tag}`, node: null, start: e.start ?? 0, end: e.end ?? lost.commandsKilledAt }));
}
