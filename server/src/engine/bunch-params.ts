import type { ParameterValues } from '@taskomatic/shared';
import type { TaskCatalog } from '../runner/catalog.js';
import { ParameterError, validateParams } from '../runner/params/validate-params.js';
import type { BunchDefinition } from './bunch-cache.js';
import { scopeRefusal } from './task-scope.js';

/**
 * Checks parameter values meant for a whole bunch: its tasks share one set of values (Spacewalk's data map),
 * so every name must be declared by at least one of its tasks, and each task must accept the values it
 * declares. Returns the given values, converted to their declared types; throws `ParameterError` naming the problem.
 */
export function checkBunchParams(
  bunch: BunchDefinition,
  catalog: TaskCatalog,
  values: Readonly<Record<string, unknown>>,
): ParameterValues {
  const declared = new Set<string>();
  const result: Record<string, string | number | boolean> = {};
  for (const step of bunch.steps) {
    const task = catalog.get(step.task);
    if (!task) continue;
    const own: Record<string, unknown> = {};
    for (const p of task.parameters) {
      declared.add(p.name);
      if (Object.hasOwn(values, p.name)) own[p.name] = values[p.name];
    }
    try {
      const checked = validateParams(task.parameters, own);
      for (const name of Object.keys(own)) {
        const value = checked[name];
        if (value !== undefined) result[name] = value;
      }
    } catch (error) {
      if (error instanceof ParameterError) {
        throw new ParameterError(error.parameter, `${error.problem} (task ${task.name} of bunch ${bunch.name})`);
      }
      throw error;
    }
  }
  for (const name of Object.keys(values)) {
    if (!declared.has(name)) {
      const known = declared.size > 0 ? `known: ${[...declared].join(', ')}` : 'its tasks take none';
      throw new ParameterError(name, `unknown parameter for bunch ${bunch.name} (${known})`);
    }
  }
  return Object.freeze(result);
}

/** Why a bunch cannot run in its scope (one of its tasks belongs to the other scope), or null. */
export function bunchScopeRefusal(bunch: BunchDefinition, catalog: TaskCatalog): string | null {
  for (const step of bunch.steps) {
    const task = catalog.get(step.task);
    const refusal = task ? scopeRefusal(task, bunch.orgBunch ? 0 : null) : null;
    if (refusal) return `Bunch ${bunch.name}: ${refusal}`;
  }
  return null;
}
