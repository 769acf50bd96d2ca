import { ApiFault, type BunchInfo, type CATALOG, type TaskInfoStruct } from '@taskomatic/shared';
import type { BunchDefinition } from '../../engine/bunch-cache.js';
import { taskInfo } from '../../runner/catalog.js';
import type { BunchService } from '../../services/bunch-service.js';
import type { ApiDeps } from './api-deps.js';
import type { HandlerGroupOf } from './handler.js';
import { callerOf, compact } from './scope.js';

/** Bunches and tasks: everyone sees what they may schedule; satellite admins shape the bunches. */
export function catalogHandlers(deps: ApiDeps & { readonly bunchService: BunchService }): HandlerGroupOf<typeof CATALOG> {
  return {
    async 'bunches.list'(call) {
      const caller = callerOf(call);
      return deps.bunches
        .list()
        .filter((b) => caller.role === 'sat-admin' || b.orgBunch)
        .map(toBunchInfo);
    },
    async 'bunches.create'(call, request) {
      return toBunchInfo(await deps.bunchService.create(request, callerOf(call).username));
    },
    async 'bunches.update'(call, { name, description, steps }) {
      return toBunchInfo(await deps.bunchService.update(name, { description, steps }, callerOf(call).username));
    },
    async 'tasks.list'(call) {
      const caller = callerOf(call);
      return deps.catalog
        .list()
        .filter((task) => caller.role === 'sat-admin' || task.scope !== 'satellite')
        .map((task): TaskInfoStruct => {
          const info = taskInfo(task);
          return compact({
            name: info.name,
            description: info.description,
            kind: info.kind,
            parallelizable: info.parallelizable,
            maxParallel: info.maxParallel ?? undefined,
            timeoutSeconds: Math.round(info.timeoutMs / 1000),
            scope: info.scope,
            parameters: info.parameters.map((p) =>
              compact({ name: p.name, type: p.type, required: p.required, description: p.description, default: p.default, pattern: p.pattern, values: p.values ? [...p.values] : undefined, min: p.min, max: p.max }),
            ),
            available: info.available,
            unavailableReason: info.unavailableReason ?? undefined,
          }) as TaskInfoStruct;
        });
    },
  };
}

function toBunchInfo(bunch: BunchDefinition): BunchInfo {
  return {
    id: bunch.id,
    name: bunch.name,
    description: bunch.description,
    orgBunch: bunch.orgBunch,
    steps: bunch.steps.map((s) => compact({ task: s.task, startIf: s.startIf ?? undefined })),
  };
}

/** Refuses a bunch the caller may not see (org admins: satellite-level ones). */
export function requireVisibleBunch(role: 'sat-admin' | 'org-admin', bunch: BunchDefinition | undefined, name: string): BunchDefinition {
  if (!bunch || (role === 'org-admin' && !bunch.orgBunch)) throw new ApiFault('NOT_FOUND', `Bunch ${name} does not exist`);
  return bunch;
}
