import type { BunchInfo, TaskInfoStruct, TaskParameterInfo } from '@taskomatic/shared';

/**
 * A parameter of a whole bunch. Its tasks share one set of values (Spacewalk's data map), so a name declared by
 * several tasks (`day` of summary-population and daily-summary) is one field, and its value must satisfy every
 * declaration of it.
 */
export interface BunchParameter {
  readonly name: string;
  readonly type: TaskParameterInfo['type'];
  /** Required by at least one of its tasks. */
  readonly required: boolean;
  readonly description?: string;
  readonly default?: unknown;
  /** Every task's own declaration, in step order. */
  readonly declarations: ReadonlyArray<TaskParameterInfo>;
  /** The tasks that take it. */
  readonly tasks: ReadonlyArray<string>;
}

/** The parameters of a bunch from its steps' tasks, in step order (a task that is not in the catalog adds none). */
export function bunchParameters(bunch: Pick<BunchInfo, 'steps'>, tasks: ReadonlyArray<Pick<TaskInfoStruct, 'name' | 'parameters'>>): ReadonlyArray<BunchParameter> {
  const catalog = new Map(tasks.map((task) => [task.name, task]));
  const found = new Map<string, { declarations: TaskParameterInfo[]; tasks: string[] }>();
  for (const step of bunch.steps) {
    const task = catalog.get(step.task);
    if (!task) continue;
    for (const parameter of task.parameters) {
      const entry = found.get(parameter.name);
      if (!entry) found.set(parameter.name, { declarations: [parameter], tasks: [task.name] });
      else if (!entry.tasks.includes(task.name)) {
        entry.declarations.push(parameter);
        entry.tasks.push(task.name);
      }
    }
  }
  return [...found.entries()].map(([name, { declarations, tasks: owners }]) => {
    const first = declarations[0] as TaskParameterInfo;
    const withDefault = declarations.find((item) => item.default !== undefined);
    return {
      name,
      type: first.type,
      required: declarations.some((item) => item.required),
      ...(first.description ? { description: first.description } : {}),
      ...(withDefault ? { default: withDefault.default } : {}),
      declarations,
      tasks: owners,
    };
  });
}

/** The form's text of each parameter from stored values (booleans as `true`/`false`; absent as ''). */
export function parameterTexts(parameters: ReadonlyArray<BunchParameter>, values: Readonly<Record<string, unknown>>): Readonly<Record<string, string>> {
  const texts: Record<string, string> = {};
  for (const parameter of parameters) {
    const value = values[parameter.name];
    texts[parameter.name] = value === undefined || value === null ? '' : String(value);
  }
  return texts;
}

/**
 * The values to send: each filled field converted to its declared type; empty fields left out so the server
 * applies the default. Texts of names the bunch does not declare are dropped (a bunch changed under the form).
 */
export function parameterValues(parameters: ReadonlyArray<BunchParameter>, texts: Readonly<Record<string, string>>): Record<string, string | number | boolean> {
  const values: Record<string, string | number | boolean> = {};
  for (const parameter of parameters) {
    const text = texts[parameter.name] ?? '';
    if (text === '') continue;
    switch (parameter.type) {
      case 'integer':
        values[parameter.name] = /^\s*[+-]?\d+\s*$/.test(text) ? Number(text) : text;
        break;
      case 'boolean':
        values[parameter.name] = text === 'true';
        break;
      case 'string':
      case 'enum':
        values[parameter.name] = text;
        break;
    }
  }
  return values;
}
