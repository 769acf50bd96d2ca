import type { TaskParameter } from '@taskomatic/shared';
import { z } from 'zod';
import { namedRecord } from './named-record.js';
import { checkValue, fullMatch } from './validate-params.js';

/** How the configuration file declares one task parameter; its name is the key it is declared under. */
export interface ParameterDeclaration {
  readonly type: TaskParameter['type'];
  /** (default: false) */
  readonly required: boolean;
  /** Converted to the parameter's type when the configuration is read ("42" becomes 42). */
  readonly default?: string | number | boolean | undefined;
  /** String parameters: a regular expression the whole value must match. */
  readonly pattern?: string | undefined;
  /** Enum parameters: the allowed values. */
  readonly values?: ReadonlyArray<string> | undefined;
  /** Integer parameters: inclusive range. */
  readonly min?: number | undefined;
  readonly max?: number | undefined;
  readonly description?: string | undefined;
}

// Names end up in templates (`{dry-run}`), the API and the CLI (`channel=x`): keep them plain.
const PARAMETER_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;
const PARAMETER_NAME_RULE = 'a parameter name is a letter then letters, digits, _ or -';

const declarationSchema = z.strictObject({
  type: z.enum(['string', 'integer', 'boolean', 'enum']),
  required: z.boolean().default(false),
  default: z.union([z.string(), z.number(), z.boolean()]).optional(),
  pattern: z.string().min(1).optional(),
  values: z.array(z.string().min(1)).min(1).optional(),
  min: z.number().int().optional(),
  max: z.number().int().optional(),
  description: z.string().optional(),
});

/**
 * The `parameters` map of a command task: name to declaration. Checks that each declaration makes sense for its
 * type (a pattern compiles and is on a string, an enum has values, a range is on an integer and not empty) and
 * that a default passes its own declaration; the default comes out converted to the parameter's type.
 */
export const parametersSchema = namedRecord(declarationSchema, PARAMETER_NAME, PARAMETER_NAME_RULE)
  .superRefine((declarations, ctx) => {
    for (const [name, declaration] of Object.entries(declarations)) {
      for (const [field, message] of declarationProblems(name, declaration)) {
        ctx.addIssue({ code: 'custom', message, path: [name, field] });
      }
    }
  })
  .transform(
    (declarations): Readonly<Record<string, ParameterDeclaration>> =>
      Object.freeze(Object.fromEntries(Object.entries(declarations).map(([name, d]) => [name, settle(name, d)]))),
  );

/** A checked declaration, frozen, with its default converted ("42" in YAML is 42 for an integer parameter). */
function settle(name: string, declaration: z.output<typeof declarationSchema>): ParameterDeclaration {
  const { default: fallback, values, ...rest } = declaration;
  return Object.freeze({
    ...rest,
    ...(values === undefined ? {} : { values: Object.freeze([...values]) }),
    ...(fallback === undefined ? {} : { default: checkValue(toTaskParameter(name, declaration), fallback) }),
  });
}

/** One declaration as the task catalog lists it. */
export function toTaskParameter(name: string, declaration: ParameterDeclaration): TaskParameter {
  const { type, required, description, pattern, values, min, max } = declaration;
  return {
    name,
    type,
    required,
    ...(description === undefined ? {} : { description }),
    ...(declaration.default === undefined ? {} : { default: declaration.default }),
    ...(pattern === undefined ? {} : { pattern }),
    ...(values === undefined ? {} : { values }),
    ...(min === undefined ? {} : { min }),
    ...(max === undefined ? {} : { max }),
  };
}

/** What is wrong with one declaration, as [field, message] pairs. */
function declarationProblems(name: string, declaration: z.output<typeof declarationSchema>): Array<[string, string]> {
  const { type, pattern, values, min, max } = declaration;
  const problems: Array<[string, string]> = [];
  if (pattern !== undefined && type !== 'string') {
    problems.push(['pattern', `a pattern applies to string parameters, not ${type}`]);
  }
  if (pattern !== undefined) {
    try {
      fullMatch(pattern);
    } catch (error) {
      problems.push(['pattern', `not a valid regular expression: ${(error as Error).message}`]);
    }
  }
  if (type === 'enum' && values === undefined) problems.push(['values', 'an enum parameter needs its list of values']);
  if (type !== 'enum' && values !== undefined) problems.push(['values', `values apply to enum parameters, not ${type}`]);
  if (values && new Set(values).size !== values.length) problems.push(['values', 'a value is listed twice']);
  for (const [field, bound] of [['min', min], ['max', max]] as const) {
    if (bound !== undefined && type !== 'integer') {
      problems.push([field, `${field} applies to integer parameters, not ${type}`]);
    }
  }
  if (min !== undefined && max !== undefined && min > max) problems.push(['max', `max ${max} is below min ${min}`]);
  if (declaration.default !== undefined && declaration.required) {
    problems.push(['default', 'a required parameter takes no default (make it optional, or drop the default)']);
  }
  if (declaration.default !== undefined && problems.length === 0) {
    try {
      checkValue(toTaskParameter(name, declaration), declaration.default);
    } catch (error) {
      problems.push(['default', `the default is refused: ${(error as Error).message}`]);
    }
  }
  return problems;
}
