import type { Kysely, Transaction } from 'kysely';
import type { StartIf } from '@taskomatic/shared';
import { serializable } from '../db/serializable.js';
import type { Tables } from '../db/tables.js';
import type { BunchCache, BunchDefinition } from '../engine/bunch-cache.js';
import type { Clock } from '../engine/clock.js';
import type { Engine } from '../engine/engine.js';
import type { TaskCatalog } from '../runner/catalog.js';
import { scopeRefusal } from '../engine/task-scope.js';
import { recordAudit } from './audit.js';
import type { ChangeFeed } from './change-feed.js';
import { DomainError } from './domain-error.js';

/** One step of a bunch as given. */
export interface StepInput {
  readonly task: string;
  readonly startIf?: StartIf | undefined;
}

export interface BunchServiceDeps {
  readonly db: Kysely<Tables>;
  readonly engine: Engine;
  readonly bunches: BunchCache;
  readonly catalog: TaskCatalog;
  readonly clock: Clock;
  readonly changes?: ChangeFeed;
}

const NAME = /^[a-z0-9][a-z0-9._-]{0,99}$/;

/**
 * Creates and edits bunches (satellite admins): steps name tasks of the catalog whose scope fits the bunch's;
 * each change is audited and the engine re-reads the bunches. Runs under way keep the steps they fired with.
 */
export class BunchService {
  readonly #deps: BunchServiceDeps;

  constructor(deps: BunchServiceDeps) {
    this.#deps = deps;
  }

  async create(input: { name: string; description: string; orgBunch: boolean; steps: ReadonlyArray<StepInput> }, actor: string): Promise<BunchDefinition> {
    if (!NAME.test(input.name)) {
      throw new DomainError('invalid-argument', `A bunch name is lowercase letters, digits, '.', '_' and '-' (at most 100), starting with a letter or digit; got '${input.name.slice(0, 40)}'`);
    }
    this.#checkSteps(input.steps, input.orgBunch);
    const now = this.#deps.clock.now();
    const id = await serializable(this.#deps.db, async (trx) => {
      const taken = await trx.selectFrom('bunches').select('id').where('name', '=', input.name).executeTakeFirst();
      if (taken) throw new DomainError('conflict', `A bunch named ${input.name} already exists`);
      const { id } = await trx
        .insertInto('bunches')
        .values({ name: input.name, description: input.description, org_bunch: input.orgBunch ? 1 : 0, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      await writeSteps(trx, Number(id), input.steps);
      await recordAudit(trx, { at: now, actor, action: 'bunch.create', targetType: 'bunch', targetId: Number(id), before: null, after: input });
      return Number(id);
    });
    return this.#settled(id, 'create');
  }

  async update(name: string, changes: { description?: string | undefined; steps?: ReadonlyArray<StepInput> | undefined }, actor: string): Promise<BunchDefinition> {
    const before = this.#deps.bunches.byName(name);
    if (!before) throw new DomainError('not-found', `Bunch ${name} does not exist`);
    if (changes.steps) this.#checkSteps(changes.steps, before.orgBunch);
    const now = this.#deps.clock.now();
    await serializable(this.#deps.db, async (trx) => {
      await trx
        .updateTable('bunches')
        .set({ updated_at: now, ...(changes.description !== undefined ? { description: changes.description } : {}) })
        .where('id', '=', before.id)
        .execute();
      if (changes.steps) {
        await trx.deleteFrom('bunch_steps').where('bunch_id', '=', before.id).execute();
        await writeSteps(trx, before.id, changes.steps);
      }
      await recordAudit(trx, { at: now, actor, action: 'bunch.update', targetType: 'bunch', targetId: before.id, before, after: changes });
    });
    return this.#settled(before.id, 'update');
  }

  #checkSteps(steps: ReadonlyArray<StepInput>, orgBunch: boolean): void {
    if (steps.length === 0) throw new DomainError('invalid-argument', 'A bunch needs at least one step');
    steps.forEach((step, i) => {
      const task = this.#deps.catalog.get(step.task);
      if (!task) throw new DomainError('invalid-argument', `Step ${i + 1}: task ${step.task} is not in this server's catalog (see tasks.list)`);
      const refusal = scopeRefusal(task, orgBunch ? 0 : null);
      if (refusal) throw new DomainError('scope-mismatch', `Step ${i + 1}: ${refusal}`);
    });
  }

  async #settled(id: number, action: string): Promise<BunchDefinition> {
    await this.#deps.engine.bunchesChanged();
    const bunch = this.#deps.bunches.get(id);
    if (!bunch) throw new DomainError('not-found', `Bunch ${id} does not exist`);
    this.#deps.changes?.publish('bunch', id, action, null);
    return bunch;
  }
}

async function writeSteps(trx: Transaction<Tables>, bunchId: number, steps: ReadonlyArray<StepInput>): Promise<void> {
  await trx
    .insertInto('bunch_steps')
    .values(steps.map((s, position) => ({ bunch_id: bunchId, position, task: s.task, start_if: s.startIf ?? null })))
    .execute();
}
