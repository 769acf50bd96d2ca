import type { Kysely } from 'kysely';
import type { StartIf } from '@taskomatic/shared';
import type { Tables } from '../db/tables.js';
import type { StepSnapshot } from './run-record.js';

/** A bunch as the engine fires it. */
export interface BunchDefinition {
  readonly id: number;
  readonly name: string;
  readonly description: string;
  readonly orgBunch: boolean;
  readonly steps: ReadonlyArray<StepSnapshot>;
}

/**
 * Every bunch with its steps, held in memory: a satellite has a handful of bunches and thousands of fires
 * a minute, so each fire reads its steps from here instead of the database. Reloaded when bunches change.
 */
export class BunchCache {
  readonly #db: Kysely<Tables>;
  #byId = new Map<number, BunchDefinition>();

  constructor(db: Kysely<Tables>) {
    this.#db = db;
  }

  async reload(): Promise<void> {
    const bunches = await this.#db.selectFrom('bunches').select(['id', 'name', 'description', 'org_bunch']).execute();
    const steps = await this.#db
      .selectFrom('bunch_steps')
      .select(['bunch_id', 'position', 'task', 'start_if'])
      .orderBy('bunch_id')
      .orderBy('position')
      .execute();
    const byId = new Map<number, BunchDefinition>();
    for (const b of bunches) {
      byId.set(Number(b.id), {
        id: Number(b.id),
        name: b.name,
        description: b.description,
        orgBunch: b.org_bunch === 1,
        steps: Object.freeze(
          steps
            .filter((s) => Number(s.bunch_id) === Number(b.id))
            .map((s) => Object.freeze({ task: s.task, startIf: s.start_if as StartIf })),
        ),
      });
    }
    this.#byId = byId;
  }

  get(id: number): BunchDefinition | undefined {
    return this.#byId.get(id);
  }

  /** Every bunch, by name. */
  list(): BunchDefinition[] {
    return [...this.#byId.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  byName(name: string): BunchDefinition | undefined {
    for (const b of this.#byId.values()) if (b.name === name) return b;
    return undefined;
  }
}
