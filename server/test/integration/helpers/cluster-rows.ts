import { Client } from 'pg';

/**
 * The rows the cluster test checks, read straight from the shared PostgreSQL database with plain SQL (the
 * test judges what the nodes wrote, not what the server's own queries make of it). Instants are epoch ms.
 */

export interface BunchRunRow {
  readonly id: number;
  readonly scheduleId: number | null;
  readonly nodeId: string | null;
  readonly trigger: string;
  readonly status: string;
  readonly statusReason: string | null;
  readonly dueAt: number;
  readonly startedAt: number | null;
  readonly endedAt: number | null;
  readonly fireCount: number;
  readonly lastFireAt: number | null;
}

export interface TaskRunRow {
  readonly id: number;
  readonly bunchRunId: number;
  readonly task: string;
  readonly status: string;
  readonly statusReason: string | null;
  readonly startedAt: number | null;
  readonly endedAt: number | null;
}

export interface NodeRow {
  readonly id: string;
  readonly pid: number;
  readonly startedAt: number;
  readonly heartbeatAt: number;
  readonly stoppedAt: number | null;
  readonly takenOverBy: string | null;
  readonly takenOverAt: number | null;
  readonly clockOffsetMs: number | null;
}

/** Everything the checks read, at one moment (one snapshot: a repeatable-read transaction). */
export interface ClusterState {
  readonly readAt: number;
  readonly bunchRuns: ReadonlyArray<BunchRunRow>;
  readonly taskRuns: ReadonlyArray<TaskRunRow>;
  readonly nodes: ReadonlyArray<NodeRow>;
}

/** A status a run does not leave. */
export const UNDER_WAY: ReadonlySet<string> = new Set(['READY', 'RUNNING', 'POSTPONED']);

const num = (value: unknown): number => Number(value);
const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
const textOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

const BUNCH_RUN_COLUMNS = 'id, schedule_id, node_id, trigger, status, status_reason, due_at, started_at, ended_at, fire_count, last_fire_at';
const TASK_RUN_COLUMNS = 'id, bunch_run_id, task, status, status_reason, started_at, ended_at';

function bunchRunOf(r: Record<string, unknown>): BunchRunRow {
  return {
    id: num(r.id),
    scheduleId: numOrNull(r.schedule_id),
    nodeId: textOrNull(r.node_id),
    trigger: String(r.trigger),
    status: String(r.status),
    statusReason: textOrNull(r.status_reason),
    dueAt: num(r.due_at),
    startedAt: numOrNull(r.started_at),
    endedAt: numOrNull(r.ended_at),
    fireCount: num(r.fire_count),
    lastFireAt: numOrNull(r.last_fire_at),
  };
}

function taskRunOf(r: Record<string, unknown>): TaskRunRow {
  return {
    id: num(r.id),
    bunchRunId: num(r.bunch_run_id),
    task: String(r.task),
    status: String(r.status),
    statusReason: textOrNull(r.status_reason),
    startedAt: numOrNull(r.started_at),
    endedAt: numOrNull(r.ended_at),
  };
}

/** A connection of the test's own to the cluster's database. */
export class ClusterRows {
  readonly #client: Client;

  private constructor(client: Client) {
    this.#client = client;
  }

  static async connect(url: string): Promise<ClusterRows> {
    const client = new Client({ connectionString: url, application_name: 'cluster-failover-test' });
    await client.connect();
    return new ClusterRows(client);
  }

  close(): Promise<void> {
    return this.#client.end();
  }

  /** The whole state, in one consistent snapshot. */
  async state(): Promise<ClusterState> {
    const readAt = Date.now();
    const c = this.#client;
    await c.query('begin isolation level repeatable read read only');
    try {
      const runs = await c.query(`select ${BUNCH_RUN_COLUMNS} from bunch_runs order by due_at, id`);
      const tasks = await c.query(`select ${TASK_RUN_COLUMNS} from task_runs order by id`);
      const nodes = await c.query(
        'select id, pid, started_at, heartbeat_at, stopped_at, taken_over_by, taken_over_at, clock_offset_ms from nodes order by started_at, id',
      );
      return {
        readAt,
        bunchRuns: runs.rows.map(bunchRunOf),
        taskRuns: tasks.rows.map(taskRunOf),
        nodes: nodes.rows.map(
          (r): NodeRow => ({
            id: String(r.id),
            pid: num(r.pid),
            startedAt: num(r.started_at),
            heartbeatAt: num(r.heartbeat_at),
            stoppedAt: numOrNull(r.stopped_at),
            takenOverBy: textOrNull(r.taken_over_by),
            takenOverAt: numOrNull(r.taken_over_at),
            clockOffsetMs: numOrNull(r.clock_offset_ms),
          }),
        ),
      };
    } finally {
      await c.query('rollback');
    }
  }

  /** The bunch runs under `nodeId`'s name and their steps, in one snapshot (a quick read: only the node's rows). */
  async runsOf(nodeId: string): Promise<{ bunchRuns: BunchRunRow[]; taskRuns: TaskRunRow[] }> {
    const c = this.#client;
    await c.query('begin isolation level repeatable read read only');
    try {
      const runs = await c.query(`select ${BUNCH_RUN_COLUMNS} from bunch_runs where node_id = $1 order by due_at, id`, [nodeId]);
      const ids = runs.rows.map((r) => r.id);
      const tasks = await c.query(`select ${TASK_RUN_COLUMNS} from task_runs where bunch_run_id = any($1::bigint[]) order by id`, [ids]);
      return { bunchRuns: runs.rows.map(bunchRunOf), taskRuns: tasks.rows.map(taskRunOf) };
    } finally {
      await c.query('rollback');
    }
  }

  /** Task runs under way (RUNNING or POSTPONED), by node, task and status: how the work is spread right now. */
  async underWayByNode(): Promise<Array<{ nodeId: string | null; task: string; status: string; count: number }>> {
    const { rows } = await this.#client.query(
      `select b.node_id, t.task, t.status, count(*) as n
         from task_runs t join bunch_runs b on b.id = t.bunch_run_id
        where t.status in ('RUNNING', 'POSTPONED')
        group by b.node_id, t.task, t.status`,
    );
    return rows.map((r) => ({ nodeId: textOrNull(r.node_id), task: String(r.task), status: String(r.status), count: num(r.n) }));
  }

  /** How many of `ids` (bunch runs) are still in one of `statuses`, and how many of their task runs. */
  async stillIn(ids: ReadonlyArray<number>, statuses: ReadonlyArray<string>): Promise<number> {
    if (ids.length === 0) return 0;
    const { rows } = await this.#client.query(
      `select (select count(*) from bunch_runs where id = any($1::bigint[]) and status = any($2::text[]))
            + (select count(*) from task_runs where bunch_run_id = any($1::bigint[]) and status = any($2::text[])) as n`,
      [ids, statuses],
    );
    return num(rows[0]?.n);
  }

  /** Bunch runs of `ids` still in one of `statuses` and still owned by `nodeId` (not adopted by another node, not settled). */
  async stillOn(nodeId: string, ids: ReadonlyArray<number>, statuses: ReadonlyArray<string>): Promise<number> {
    if (ids.length === 0) return 0;
    const { rows } = await this.#client.query(
      `select count(*) as n from bunch_runs where id = any($1::bigint[]) and status = any($3::text[]) and node_id = $2`,
      [ids, nodeId, statuses],
    );
    return num(rows[0]?.n);
  }

  /** How many bunch runs are not settled yet, and how many of `scheduleIds` still have a fire to make. */
  async progress(scheduleIds: ReadonlyArray<number>): Promise<{ underWay: number; schedulesFiring: number }> {
    const { rows } = await this.#client.query(
      `select (select count(*) from bunch_runs where status in ('READY', 'RUNNING', 'POSTPONED')) as under_way,
              (select count(*) from schedules where id = any($1::bigint[]) and next_fire_at is not null and ended_at is null) as firing`,
      [scheduleIds],
    );
    return { underWay: num(rows[0]?.under_way), schedulesFiring: num(rows[0]?.firing) };
  }
}
