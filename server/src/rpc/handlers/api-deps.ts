import type { Kysely } from 'kysely';
import type { Settings } from '../../db/repos/settings-repo.js';
import type { Tables } from '../../db/tables.js';
import type { BunchCache } from '../../engine/bunch-cache.js';
import type { Clock } from '../../engine/clock.js';
import type { Engine } from '../../engine/engine.js';
import type { Logger } from '../../logger.js';
import type { TaskCatalog } from '../../runner/catalog.js';
import type { ScheduleService } from '../../services/schedule-service.js';

/** What the API handlers work with; built by the composition root. */
export interface ApiDeps {
  readonly db: Kysely<Tables>;
  readonly engine: Engine;
  readonly schedules: ScheduleService;
  readonly bunches: BunchCache;
  readonly catalog: TaskCatalog;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly settings: () => Settings;
}
