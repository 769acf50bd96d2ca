import { type Kysely, sql } from 'kysely';
import type { Tables } from '../../db/tables.js';

/** A step asking for a slot: its task run, and since when it has wanted one (its place in line). */
export interface SlotRequest {
  readonly task: string;
  readonly limit: number;
  readonly taskRunId: number;
  readonly since: number;
}

/**
 * The slots of tasks with a parallel limit (one for a task that is not parallelizable), as rows every node
 * sees, so the limit holds across the nodes of a database, with the steps waiting for one, so they go in order
 * of arrival across nodes too. A step takes a free slot number below the limit only when no step has waited
 * longer (two nodes racing for the last slot: the primary key lets one in); otherwise it joins the line. A node
 * that dies keeps its slots and places in line until the node that takes over its work frees or adopts them.
 */
export class SharedSlots {
  readonly #db: Kysely<Tables>;
  readonly #nodeId: string;

  constructor(db: Kysely<Tables>, nodeId: string) {
    this.#db = db;
    this.#nodeId = nodeId;
  }

  /**
   * Takes a slot, or puts the step in line (keeping its place when it is there already). Says whether it took
   * one, and how many slots of the task are held now (on every node).
   */
  async tryTake(request: SlotRequest, now: number): Promise<{ readonly taken: boolean; readonly held: number }> {
    const { task, limit, taskRunId, since } = request;
    return this.#db.transaction().execute(async (trx) => {
      const taken = await sql<{ slot: number }>`
        insert into task_slots (task, slot, task_run_id, node_id, taken_at)
        select ${task}, s, ${taskRunId}, ${this.#nodeId}, ${now}
          from generate_series(0, ${limit - 1}) as s
         where not exists (select 1 from task_slots t where t.task = ${task} and t.slot = s)
           and not exists (
             select 1 from task_waits w
              where w.task = ${task} and w.task_run_id <> ${taskRunId}
                and (w.since < ${since} or (w.since = ${since} and w.task_run_id < ${taskRunId})))
         order by s limit 1
        on conflict do nothing
        returning slot`.execute(trx);
      if (taken.rows.length > 0) {
        await trx.deleteFrom('task_waits').where('task_run_id', '=', taskRunId).execute();
        return { taken: true, held: 0 };
      }
      await this.#join(trx, request);
      const held = await trx.selectFrom('task_slots').select((eb) => eb.fn.countAll<number>().as('n')).where('task', '=', task).executeTakeFirst();
      return { taken: false, held: Number(held?.n ?? 0) };
    });
  }

  /** Puts a step in line without trying for a slot (this node's own slots are all taken). */
  join(request: SlotRequest): Promise<void> {
    return this.#join(this.#db, request);
  }

  /** Takes a step out of line (it ended while waiting). */
  async leave(taskRunId: number): Promise<void> {
    await this.#db.deleteFrom('task_waits').where('task_run_id', '=', taskRunId).execute();
  }

  /** Gives back the slot a task run holds (nothing when it holds none). */
  async giveBack(taskRunId: number): Promise<void> {
    await this.#db.deleteFrom('task_slots').where('task_run_id', '=', taskRunId).where('node_id', '=', this.#nodeId).execute();
  }

  async #join(db: Kysely<Tables>, { task, taskRunId, since }: SlotRequest): Promise<void> {
    await db
      .insertInto('task_waits')
      .values({ task_run_id: taskRunId, task, node_id: this.#nodeId, since })
      .onConflict((oc) => oc.column('task_run_id').doUpdateSet({ node_id: this.#nodeId }))
      .execute();
  }
}
