import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../api/api-client.js';
import { createScratchDatabase } from '../support/postgres.js';
import { tempDataDir } from '../support/harness.js';
import { ClusterNode, type ClusterOptions, freePorts } from './helpers/cluster-nodes.js';
import { bunchOf, WORK } from './helpers/cluster-plan.js';
import { waitFor } from './helpers/poll.js';

/** Short, so that a hung node is found within the test; the failover test covers the default-like 10 s. */
const NODE_TIMEOUT_MS = 4000;

interface RunDetail {
  readonly status: string;
  readonly statusReason: string | null;
}

interface Change {
  readonly kind: string;
  readonly id: number;
  readonly action: string;
}

/**
 * Two nodes on one database, beyond exactly-once firing (cluster-failover.test.ts): what an administrator does
 * through any node reaches the node that runs the work (a cancel, the changes feed), and a node that hangs
 * rather than dies is found by its missing heartbeats, its work taken over, and it stops when it wakes.
 */
describe('two nodes on one database', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  let options: ClusterOptions;
  let a: ClusterNode;
  let b: ClusterNode;
  let onA: Session;
  let onB: Session;

  beforeAll(async () => {
    const scratch = await createScratchDatabase();
    cleanups.push(() => scratch.release());
    const traces = tempDataDir('taskomatic-cluster-traces-');
    cleanups.push(traces.remove);
    options = { databaseUrl: scratch.url, tracesDir: traces.path, nodeTimeout: `${NODE_TIMEOUT_MS / 1000}s` };
    [a, b] = (await freePorts(2)).map((port, i) => new ClusterNode(`node-${i + 1}`, port, options)) as [ClusterNode, ClusterNode];
    cleanups.push(() => a.dispose(), () => b.dispose());
    await a.start(options).started(30_000);
    await b.start(options).started(30_000);
    [onA, onB] = await Promise.all([a.login(), b.login()]);
    await onA.call('bunches.create', { name: bunchOf('slow'), description: 'three seconds of work', orgBunch: false, steps: [{ task: WORK.slow.task }] });
  }, 60_000);

  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  /** A run of the slow task, started through node B (so B runs it), with its schedule paused. */
  async function slowRunOnB(label: string): Promise<number> {
    // Created through A: B learns of the bunch A created before this call reaches it.
    const schedule = await onA.call<{ id: number }>('schedules.create', {
      label,
      bunch: bunchOf('slow'),
      cron: '0 0 0 1 1 ? 2099',
      timeZone: 'UTC',
      params: { tag: label },
    });
    const queued = await onB.call<{ bunchRunId: number }>('schedules.runNow', { id: schedule.id });
    await waitFor(async () => (await onA.call<RunDetail>('runs.get', { bunchRunId: queued.bunchRunId })).status === 'RUNNING', `run ${queued.bunchRunId} running`);
    return queued.bunchRunId;
  }

  it('cancels through one node a run the other node runs, and shows it in both nodes\' changes feeds', async () => {
    const feedA = await onA.call<{ cursor: string }>('changes.since', {});
    const runId = await slowRunOnB('cancel-across');
    const answer = await onA.call<{ result: string }>('runs.cancel', { bunchRunId: runId });
    expect(answer.result).toBe('cancelling');
    const ended = await waitFor(
      async () => {
        const run = await onA.call<RunDetail>('runs.get', { bunchRunId: runId });
        return run.status !== 'RUNNING' && run;
      },
      `run ${runId} to end`,
      { timeoutMs: 10_000, everyMs: 50 },
    );
    expect(ended).toMatchObject({ status: 'CANCELLED', statusReason: `cancelled by ${'admin'}` });
    // Node B ran it; node A's feed heard of each of its states from B.
    const changes = await waitFor(
      async () => {
        const answer = await onA.call<{ changes: Change[] }>('changes.since', { cursor: feedA.cursor });
        const actions = answer.changes.filter((c) => c.kind === 'run' && c.id === runId).map((c) => c.action);
        return actions.includes('CANCELLED') && actions;
      },
      "the run's changes in node A's feed",
    );
    expect(changes).toEqual(expect.arrayContaining(['RUNNING', 'CANCELLED']));
  }, 30_000);

  it('takes over the work of a node that hangs, after the node timeout, and the hung node stops when it wakes', async () => {
    const runId = await slowRunOnB('hang');
    const hungAt = Date.now();
    process.kill(b.pid, 'SIGSTOP');
    try {
      const interrupted = await waitFor(
        async () => {
          const run = await onA.call<RunDetail>('runs.get', { bunchRunId: runId });
          return run.status === 'INTERRUPTED' && run;
        },
        `run ${runId} INTERRUPTED by node A`,
        { timeoutMs: 3 * NODE_TIMEOUT_MS, everyMs: 50 },
      );
      const afterMs = Date.now() - hungAt;
      // Found by its missing heartbeats (its session still holds its lock, so not at once, as a dead node is),
      // and taken over within the timeout plus a heartbeat, with room for a loaded machine.
      expect(afterMs).toBeGreaterThanOrEqual(NODE_TIMEOUT_MS / 2);
      expect(afterMs).toBeLessThan(2 * NODE_TIMEOUT_MS + 2000);
      expect(interrupted.statusReason).toMatch(/stopped/);
      const health = await a.health();
      const nodes = (health.body as { cluster: { nodes: Array<{ pid: number; alive: boolean }> } }).cluster.nodes;
      expect(nodes.find((n) => n.pid === b.pid)).toMatchObject({ alive: false });
    } finally {
      process.kill(b.pid, 'SIGCONT');
    }
    // Awake, it finds it was declared gone: it stops running anything and exits non-zero.
    const exit = await b.cli.exited;
    expect(exit.code).toBe(1);
    const said = b.cli.lines.filter((l) => l.level === 'error').map((l) => l.msg);
    expect(said, `what the woken node logged (stderr: ${b.cli.stderr.slice(0, 2000)})`).toContain('this node was declared gone: stopping');
    const run = await onA.call<RunDetail>('runs.get', { bunchRunId: runId });
    expect(run.status).toBe('INTERRUPTED');
  }, 60_000);
});
