import { type Kysely, sql } from 'kysely';
import type { Tables } from '../../db/tables.js';

/**
 * The slots of tasks with a parallel limit (one for a task that is not parallelizable), as rows every node
 * sees, so the limit holds across the nodes of a database: a run takes a free slot number below the limit in
 * one statement (two nodes racing for the last slot: the primary key lets one in), and gives it back when its
 * task ends. A node that dies keeps its slots until the node that takes over its work frees them.
 */
export class SharedSlots {
  readonly #db: Kysely<Tables>;
  readonly #nodeId: string;

  constructor(db: Kysely<Tables>, nodeId: string) {
    this.#db = db;
    this.#nodeId = nodeId;
  }

  /** Takes a slot of `task` for a task run; false when all `limit` are held (here or on other nodes). */
  async tryTake(task: string, limit: number, taskRunId: number, now: number): Promise<boolean> {
    const result = await sql<{ slot: number }>`
      insert into task_slots (task, slot, task_run_id, node_id, taken_at)
      select ${task}, s, ${taskRunId}, ${this.#nodeId}, ${now}
        from generate_series(0, ${limit - 1}) as s
       where not exists (select 1 from task_slots t where t.task = ${task} and t.slot = s)
       order by s limit 1
      on conflict do nothing
      returning slot`.execute(this.#db);
    return result.rows.length > 0;
  }

  /** Gives back the slot a task run holds (nothing when it holds none). */
  async giveBack(taskRunId: number): Promise<void> {
    await this.#db.deleteFrom('task_slots').where('task_run_id', '=', taskRunId).where('node_id', '=', this.#nodeId).execute();
  }
}
