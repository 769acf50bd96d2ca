import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../api/api-client.js';
import { tempDataDir } from '../support/harness.js';
import { createScratchDatabase } from '../support/postgres.js';
import { requireBuiltCli } from './helpers/cli.js';
import {
  type CreatedSchedule,
  coverageProblems,
  type Execution,
  executionProblems,
  type LostNodeRows,
  outcomeProblems,
  overlapProblems,
  readExecutions,
  runIntervals,
  serialExecutionIntervals,
  serialStepIntervals,
  stepProblems,
} from './helpers/cluster-checks.js';
import { ClusterNode, type ClusterOptions, clusterNodesOf, freePorts, loseNode, type NodeLoss } from './helpers/cluster-nodes.js';
import { bunchOf, COUNTS, createRequest, type PlannedSchedule, planSchedules, WINDOW_MS, WORK, type WorkKind } from './helpers/cluster-plan.js';
import { type ClusterState, ClusterRows } from './helpers/cluster-rows.js';
import { waitFor } from './helpers/poll.js';

/** A node that stops heartbeating for this long is dead (`--node-timeout`). */
const NODE_TIMEOUT_MS = 10_000;
/** How often a node heartbeats with that timeout: min(5 s, timeout / 4). */
const HEARTBEAT_MS = Math.min(5_000, NODE_TIMEOUT_MS / 4);
/** The lost node's runs are INTERRUPTED within the node timeout, one heartbeat and some slack. */
const FAILOVER_BOUND_MS = NODE_TIMEOUT_MS + HEARTBEAT_MS + 2_500;
/** Time to create the 1,000 schedules before the first is due (it takes 5 to 15 s on two busy cores). */
const CREATE_LEAD_MS = 25_000;
/** The node is lost about half-way through the minute, when it holds the serial task if it can be caught so. */
const LOSS_FROM_MS = 28_000;
const LOSS_BY_MS = 33_000;

/** What the scenario produced, for the checks. */
interface Outcome {
  readonly schedules: ReadonlyArray<CreatedSchedule>;
  /** When the test's schedules were created (the seeded ones were ended before). */
  readonly createdFrom: number;
  readonly nodeIds: ReadonlyArray<string>;
  readonly lostNode: ClusterNode;
  readonly survivors: ReadonlyArray<{ readonly node: ClusterNode; readonly id: string }>;
  readonly loss: NodeLoss;
  readonly lost: LostNodeRows;
  /** Time from the loss until none of its running runs was RUNNING any more (null: not within 40 s). */
  readonly interruptedAfterMs: number | null;
  /** Time from the loss until none of its READY or POSTPONED runs was still under its name. */
  readonly adoptedAfterMs: number | null;
  readonly final: ClusterState;
  readonly executions: ReadonlyArray<Execution>;
  /** Each survivor's /health at the end, or why it did not answer. */
  readonly health: ReadonlyArray<{ readonly node: ClusterNode; readonly status: number; readonly body: unknown; readonly error?: string }>;
}

/** Passes when there is no problem; fails saying how many there are, and the first 40. */
function expectNone(problems: ReadonlyArray<string>, what: string): void {
  if (problems.length === 0) return;
  expect.fail(`${what}: ${problems.length} problems${problems.length > 40 ? ' (the first 40)' : ''}:\n${problems.slice(0, 40).join('\n')}`);
}

const sleepUntil = (at: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));

/**
 * Issue 6, item 4: three nodes on one PostgreSQL database, 1,000 schedules due within one minute, one node lost
 * (SIGKILL, with its commands, as when its machine goes) half-way through. The scenario runs once; each test
 * checks one promise against the rows it left and the traces the commands wrote.
 */
describe('three nodes, 1,000 schedules due within a minute, one node killed half-way', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  let outcome: Outcome;

  beforeAll(async () => {
    requireBuiltCli();
    outcome = await runScenario(cleanups);
  }, 200_000);

  afterAll(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('records every due fire of every schedule exactly once, and leaves none under way', () => {
    const { schedules, final } = outcome;
    expect(schedules).toHaveLength(COUNTS.work + COUNTS.serial + COUNTS.slow);
    expectNone([...coverageProblems(schedules, final.bunchRuns), ...stepProblems(schedules, final)], 'fires and steps recorded');
  });

  it('ends each run as expected: INTERRUPTED only what the lost node ran, MISSED and SKIPPED only with a cause and a reason', () => {
    const { schedules, final, lost, nodeIds, createdFrom } = outcome;
    expectNone(outcomeProblems(schedules, final, lost, nodeIds, createdFrom), 'outcomes');
  });

  it("executed each fire's work once: as many completed executions as FINISHED runs, per schedule", () => {
    const { schedules, final, lost, executions } = outcome;
    expectNone(executionProblems(schedules, final, lost, executions), 'executions');
  });

  it('never ran the non-parallelizable task twice at once, across the nodes and the loss', () => {
    const { schedules, final, lost, executions } = outcome;
    const steps = serialStepIntervals(final, lost);
    // Most serial fires ran (the task was busy all minute), so the spans below say something.
    expect(steps.length).toBeGreaterThan(COUNTS.serial / 2);
    const traced = overlapProblems(serialExecutionIntervals(schedules, executions, lost)).map((p) => `as traced: ${p}`);
    const recorded = overlapProblems(steps).map((p) => `as recorded: ${p}`);
    expectNone([...traced, ...recorded], 'serial task overlaps');
  });

  it('kept each SKIP and QUEUE_ONE schedule from overlapping itself, across the nodes, and skipped with the policy', () => {
    const { schedules, final, lost } = outcome;
    const slow = schedules.filter((s) => s.kind === 'slow');
    for (const schedule of slow.filter((s) => s.overlapPolicy !== 'ALLOW')) {
      expectNone(overlapProblems(runIntervals(schedule, final, lost)), schedule.label);
    }
    // The policies did their work: fires were skipped under SKIP and QUEUE_ONE, and ALLOW ran overlapping runs.
    const skipped = final.bunchRuns.filter((r) => r.status === 'SKIPPED');
    expect(skipped.length).toBeGreaterThan(0);
    const allowOverlaps = slow.filter((s) => s.overlapPolicy === 'ALLOW').flatMap((s) => overlapProblems(runIntervals(s, final, lost)));
    expect(allowOverlaps.length, 'ALLOW schedules ran overlapping runs').toBeGreaterThan(0);
  });

  it(`marks the lost node's running runs INTERRUPTED and adopts its claimed and postponed ones within ${FAILOVER_BOUND_MS / 1000} s`, () => {
    const { lost, interruptedAfterMs, adoptedAfterMs, final, loss, survivors } = outcome;
    // The loss caught the node at work, or this test proves nothing.
    expect(lost.underWay.filter((r) => r.status === 'RUNNING').length).toBeGreaterThan(0);
    expect(interruptedAfterMs, 'time until its runs were INTERRUPTED').not.toBeNull();
    expect(interruptedAfterMs ?? Number.POSITIVE_INFINITY).toBeLessThan(FAILOVER_BOUND_MS);
    expect(adoptedAfterMs, 'time until its claimed fires were adopted').not.toBeNull();
    expect(adoptedAfterMs ?? Number.POSITIVE_INFINITY).toBeLessThan(FAILOVER_BOUND_MS);
    // The nodes table says who took over, and when.
    const row = final.nodes.find((n) => n.id === lost.nodeId);
    expect(survivors.map((s) => s.id)).toContain(row?.takenOverBy);
    expect(row?.takenOverAt ?? 0).toBeGreaterThanOrEqual(loss.frozenAt);
    expect(row?.takenOverAt ?? Number.POSITIVE_INFINITY).toBeLessThan(loss.frozenAt + FAILOVER_BOUND_MS);
    for (const { id } of survivors) {
      const survivor = final.nodes.find((n) => n.id === id);
      expect(survivor, `node ${id}`).toMatchObject({ takenOverBy: null, stoppedAt: null });
      // One machine: the clocks agree with the database's within a second.
      expect(Math.abs(survivor?.clockOffsetMs ?? Number.POSITIVE_INFINITY), `clock offset of ${id}`).toBeLessThan(1_000);
    }
  });

  it("reports the cluster in the survivors' /health: the lost node not alive, the others alive", () => {
    const { health, lost, survivors } = outcome;
    expect(health).toHaveLength(2);
    for (const { node, status, body, error } of health) {
      expect(error, `${node.name} /health`).toBeUndefined();
      expect(status, `${node.name} /health`).toBe(200);
      const listed = clusterNodesOf(body);
      expect(listed.find((n) => n.id === lost.nodeId), `${node.name} lists the lost node`).toMatchObject({ alive: false });
      for (const { id } of survivors) {
        const entry = listed.find((n) => n.id === id);
        expect(entry, `${node.name} lists ${id}`).toMatchObject({ alive: true });
        expect(typeof entry?.clockOffsetMs, `${node.name}: clock offset of ${id}`).toBe('number');
      }
    }
  });
});

/** Starts the cluster, creates the schedules, loses a node half-way through the minute, and waits for the end. */
async function runScenario(cleanups: Array<() => Promise<void> | void>): Promise<Outcome> {
  const scratch = await createScratchDatabase();
  cleanups.push(() => scratch.release());
  const traces = tempDataDir('taskomatic-cluster-traces-');
  cleanups.push(traces.remove);
  const options: ClusterOptions = { databaseUrl: scratch.url, tracesDir: traces.path, nodeTimeout: `${NODE_TIMEOUT_MS / 1000}s` };
  const nodes = (await freePorts(3)).map((port, i) => new ClusterNode(`node-${i + 1}`, port, options));
  for (const node of nodes) cleanups.push(() => node.dispose());

  // The first node creates the schema and the admin; the other two join it.
  const [first, ...others] = nodes as [ClusterNode, ...ClusterNode[]];
  await first.start(options).started(30_000);
  await Promise.all(others.map((node) => node.start(options).started(30_000)));
  const sessions = await Promise.all(nodes.map((node) => node.login()));
  const rows = await ClusterRows.connect(scratch.url);
  cleanups.push(() => rows.close());
  const nodeIdOf = await waitFor(
    async () => {
      const known = (await rows.state()).nodes;
      const ids = nodes.map((node) => known.find((n) => n.pid === node.pid && n.stoppedAt === null)?.id);
      return ids.every((id) => id !== undefined) && new Map(nodes.map((node, i) => [node, ids[i] as string]));
    },
    'a nodes row for each of the three processes',
    { timeoutMs: 10_000, everyMs: 100 },
  );

  const admin = sessions[0] as Session;
  // Only the test's schedules fire: the seeded defaults are ended.
  for (const seeded of await admin.call<Array<{ id: number }>>('schedules.list', {})) await admin.call('schedules.delete', { id: seeded.id });
  for (const kind of Object.keys(WORK) as WorkKind[]) {
    await admin.call('bunches.create', { name: bunchOf(kind), description: `cluster test: ${kind}`, orgBunch: false, steps: [{ task: WORK[kind].task }] });
  }

  // The window starts at an odd second, far enough ahead to create everything first.
  let windowStart = Math.ceil((Date.now() + CREATE_LEAD_MS) / 1000) * 1000;
  if (windowStart % 2000 === 0) windowStart += 1000;
  const plan = planSchedules(windowStart);
  const createStarted = Date.now();
  const schedules = await createAll(plan, nodes, sessions);
  const createMs = Date.now() - createStarted;
  if (Date.now() > windowStart - 2_000) {
    throw new Error(`creating ${plan.length} schedules took ${createMs} ms, past the ${CREATE_LEAD_MS} ms lead before the first fire: raise CREATE_LEAD_MS`);
  }

  // Half-way through the minute: lose a node that is at work, holding the serial task with more waiting if it
  // can be caught so.
  await sleepUntil(windowStart + LOSS_FROM_MS);
  const target = await chooseNodeToLose(rows, nodeIdOf, windowStart + LOSS_BY_MS);
  const lostNode = target.node;
  const lostId = target.id;
  let atLoss: Awaited<ReturnType<ClusterRows['runsOf']>> | undefined;
  const loss = await loseNode(lostNode, async () => {
    atLoss = await rows.runsOf(lostId);
  });
  if (!atLoss) throw new Error('no snapshot at the loss');
  const held = atLoss.bunchRuns;
  const lost: LostNodeRows = {
    nodeId: lostId,
    frozenAt: loss.frozenAt,
    commandsKilledAt: loss.commandsKilledAt,
    underWay: held.filter((r) => r.status === 'RUNNING'),
    postponed: held.filter((r) => r.status === 'POSTPONED'),
    ready: held.filter((r) => r.status === 'READY'),
    allIds: new Set(held.map((r) => r.id)),
  };

  // How long until the survivors have dealt with what it left.
  const underWayIds = lost.underWay.map((r) => r.id);
  const waitingIds = [...lost.ready, ...lost.postponed].map((r) => r.id);
  let interruptedAfterMs: number | null = null;
  let adoptedAfterMs: number | null = null;
  await waitFor(
    async () => {
      if (interruptedAfterMs === null && (await rows.stillIn(underWayIds, ['RUNNING'])) === 0) interruptedAfterMs = Date.now() - loss.frozenAt;
      if (adoptedAfterMs === null && (await rows.stillOn(lostId, waitingIds, ['READY', 'POSTPONED'])) === 0) adoptedAfterMs = Date.now() - loss.frozenAt;
      return interruptedAfterMs !== null && adoptedAfterMs !== null;
    },
    "the lost node's runs to be taken over",
    { timeoutMs: 40_000, everyMs: 50 },
  ).catch(() => undefined);

  // Then until every fire has been made and every run has ended.
  const ids = schedules.map((s) => s.id);
  const lastFire = Math.max(...plan.flatMap((s) => s.occurrences));
  await waitFor(
    async () => {
      if (Date.now() < lastFire + 1_000) return false;
      const { underWay, schedulesFiring } = await rows.progress(ids);
      return underWay === 0 && schedulesFiring === 0;
    },
    'every fire to be made and every run to end',
    { timeoutMs: Math.max(0, windowStart + WINDOW_MS - Date.now()) + 45_000, everyMs: 250 },
  ).catch(() => undefined); // What is left under way is reported by the checks.

  const survivors = nodes.filter((n) => n !== lostNode).map((node) => ({ node, id: nodeIdOf.get(node) ?? '' }));
  const health = await Promise.all(survivors.map(({ node }) => healthOf(node)));
  const final = await rows.state();
  const executions = readExecutions(traces.path);
  const lostHeldSerial = lost.underWay.some((r) => r.status === 'RUNNING' && atLoss?.taskRuns.some((t) => t.bunchRunId === r.id && t.task === WORK.serial.task && t.status === 'RUNNING'));
  report({ schedules, createMs, final, lost, loss, lostHeldSerial, interruptedAfterMs, adoptedAfterMs, nodeIdOf, lostNode });
  return {
    schedules,
    createdFrom: createStarted,
    nodeIds: [...nodeIdOf.values()],
    lostNode,
    survivors,
    loss,
    lost,
    interruptedAfterMs,
    adoptedAfterMs,
    final,
    executions,
    health,
  };
}

/** A survivor's /health, or why it did not answer (a node that exited says how, with its last log lines). */
async function healthOf(node: ClusterNode): Promise<Outcome['health'][number]> {
  try {
    return { node, ...(await node.health()) };
  } catch (error) {
    const exit = node.cli.exit ? `; it exited ${JSON.stringify(node.cli.exit)}, last logged: ${JSON.stringify(node.cli.lines.slice(-5))}` : '';
    return { node, status: 0, body: null, error: `${(error as Error).message}${exit}` };
  }
}

/**
 * Creates the schedules through the API, spread over the three nodes (each serves the whole API), 50 to a
 * `system.multicall`, one call in flight per node. Fails on the first fault.
 */
async function createAll(plan: ReadonlyArray<PlannedSchedule>, nodes: ReadonlyArray<ClusterNode>, sessions: ReadonlyArray<Session>): Promise<CreatedSchedule[]> {
  const batches: PlannedSchedule[][] = [];
  for (let i = 0; i < plan.length; i += 50) batches.push(plan.slice(i, i + 50));
  const created = new Map<string, number>();
  let next = 0;
  await Promise.all(
    sessions.map(async (session, n) => {
      for (let batch = batches[next++]; batch; batch = batches[next++]) {
        const calls = batch.map((s) => ({ methodName: 'schedules.create', params: [session.key, createRequest(s)] }));
        const results = await session.client.call<Array<[{ id: number; label: string }] | { faultCode: number; faultString: string }>>('system.multicall', calls);
        results.forEach((result, i) => {
          if (!Array.isArray(result)) {
            const logged = (nodes[n]?.cli.lines ?? []).filter((l) => l.level === 'error').slice(-3);
            throw new Error(`schedules.create ${batch[i]?.label} on ${nodes[n]?.name}: fault ${result.faultCode}: ${result.faultString}; its last errors: ${JSON.stringify(logged)}`);
          }
          created.set(result[0].label, result[0].id);
        });
      }
    }),
  );
  return plan.map((s) => {
    const id = created.get(s.label);
    if (id === undefined) throw new Error(`${s.label} was not created`);
    return { ...s, id };
  });
}

/**
 * The node to lose: polled until `by`, the first that runs the serial task while another serial step waits
 * on it; failing that, the one running the serial task; failing that, the one with the most RUNNING steps.
 */
async function chooseNodeToLose(rows: ClusterRows, nodeIdOf: ReadonlyMap<ClusterNode, string>, by: number): Promise<{ node: ClusterNode; id: string }> {
  const byId = new Map([...nodeIdOf].map(([node, id]) => [id, node]));
  let fallback: string | undefined;
  for (;;) {
    const spread = (await rows.underWayByNode()).filter((s) => s.nodeId !== null && byId.has(s.nodeId));
    const serial = spread.find((s) => s.task === WORK.serial.task && s.status === 'RUNNING')?.nodeId ?? undefined;
    const waiting = serial !== undefined && spread.some((s) => s.nodeId === serial && s.status === 'POSTPONED');
    const running = new Map<string, number>();
    for (const s of spread) if (s.status === 'RUNNING' && s.nodeId) running.set(s.nodeId, (running.get(s.nodeId) ?? 0) + s.count);
    fallback = serial ?? [...running].sort((a, b) => b[1] - a[1])[0]?.[0] ?? fallback;
    const chosen = waiting ? serial : Date.now() >= by ? fallback : undefined;
    const node = chosen === undefined ? undefined : byId.get(chosen);
    if (node && chosen) return { node, id: chosen };
    if (Date.now() >= by + 10_000) throw new Error('no node had anything RUNNING half-way through the minute');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Prints what happened: the test's measurements, for the record (and the issue's note). */
function report(r: {
  schedules: ReadonlyArray<CreatedSchedule>;
  createMs: number;
  final: ClusterState;
  lost: LostNodeRows;
  loss: NodeLoss;
  lostHeldSerial: boolean;
  interruptedAfterMs: number | null;
  adoptedAfterMs: number | null;
  nodeIdOf: ReadonlyMap<ClusterNode, string>;
  lostNode: ClusterNode;
}): void {
  const count = <T>(items: ReadonlyArray<T>, key: (item: T) => string) => {
    const counts: Record<string, number> = {};
    for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
    return counts;
  };
  const names = new Map([...r.nodeIdOf].map(([node, id]) => [id, node.name]));
  const complaints = [...r.nodeIdOf.keys()].map((node) => {
    const lines = node.cli.lines.filter((l) => l.level === 'warn' || l.level === 'error');
    const state = node === r.lostNode ? 'lost' : node.cli.exit ? `exited ${JSON.stringify(node.cli.exit)}` : 'running';
    return `${node.name} (${state}) logged ${lines.length} warnings and errors: ${JSON.stringify(count(lines, (l) => `${l.level} ${l.msg}`))}${node.cli.stderr ? `; stderr: ${node.cli.stderr.slice(0, 500)}` : ''}`;
  });
  const fires = r.schedules.reduce((n, s) => n + s.occurrences.length, 0);
  console.log(
    [
      `cluster failover: ${r.schedules.length} schedules (${fires} fires) created in ${r.createMs} ms`,
      `bunch runs by status: ${JSON.stringify(count(r.final.bunchRuns, (b) => b.status))}`,
      `started runs by node: ${JSON.stringify(count(r.final.bunchRuns.filter((b) => b.startedAt !== null), (b) => names.get(b.nodeId ?? '') ?? String(b.nodeId)))}`,
      `lost ${r.lostNode.name} (${r.lost.nodeId}) holding ${r.lost.underWay.length} RUNNING, ${r.lost.postponed.length} POSTPONED and ${r.lost.ready.length} READY` +
        `${r.lostHeldSerial ? ', the serial task among them' : ''}; ${r.loss.commands} commands killed with it within ${r.loss.commandsKilledAt - r.loss.frozenAt} ms, SIGKILL ${r.loss.killedAt - r.loss.frozenAt} ms after the freeze`,
      `its runs INTERRUPTED after ${r.interruptedAfterMs ?? 'more than 40000'} ms, its READY fires adopted after ${r.adoptedAfterMs ?? 'more than 40000'} ms (bound ${FAILOVER_BOUND_MS} ms)`,
      ...complaints,
    ].join('\n'),
  );
}
