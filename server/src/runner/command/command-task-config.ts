import { isAbsolute } from 'node:path';
import type { TaskParameter, TaskScope } from '@taskomatic/shared';
import { z } from 'zod';
import { parseDuration } from '../../config/duration.js';
import { namedRecord } from '../params/named-record.js';
import { parametersSchema, toTaskParameter, type ParameterDeclaration } from '../params/parameter-config.js';
import { checkTemplate } from './arg-template.js';

/** One command task of the configuration file, as read and checked. Durations are in milliseconds. */
export interface CommandTaskConfig {
  readonly description: string;
  /** Absolute path of the program; null when the administrator has not pointed the task at one yet. */
  readonly executable: string | null;
  /** Argument template, see arg-template.ts (default: none). */
  readonly args: ReadonlyArray<string>;
  readonly parameters: Readonly<Record<string, ParameterDeclaration>>;
  /** (default: 1h) */
  readonly timeout: number;
  /** Time between SIGTERM and SIGKILL when the run is stopped (default: 10s). */
  readonly killGrace: number;
  /** (default: true) */
  readonly parallelizable: boolean;
  /** At most this many runs at once (default: unlimited, or 1 when not parallelizable). */
  readonly maxParallel?: number | undefined;
  /** (default: any) */
  readonly scope: TaskScope;
  /** Extra environment variables, on top of the minimal one every command gets. */
  readonly env?: Readonly<Record<string, string>> | undefined;
  readonly workingDirectory?: string | undefined;
}

const absolutePath = z
  .string()
  .refine(isAbsolute, 'must be an absolute path')
  .refine((path) => !path.includes('\0'), 'must not contain a NUL character');

/** A duration setting: a number of milliseconds or a text like `30s`, `2h`, `1h30m`. */
function duration(what: string, fallback: string) {
  return z
    .union([z.string(), z.number()])
    .transform((value, ctx) => {
      try {
        return parseDuration(value, what);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    })
    .prefault(fallback);
}

// Unknown keys are refused (strict objects) so that a misspelt `timout:` is reported instead of ignored.
const fieldsSchema = z.strictObject({
  description: z.string().min(1),
  executable: absolutePath.nullable().default(null),
  args: z.array(z.string()).default([]),
  parameters: parametersSchema.prefault({}),
  timeout: duration('timeout', '1h'),
  killGrace: duration('killGrace', '10s'),
  parallelizable: z.boolean().default(true),
  maxParallel: z.number().int().positive().optional(),
  scope: z.enum(['satellite', 'org', 'any']).default('any'),
  env: namedRecord(
    z.string().refine((value) => !value.includes('\0'), 'must not contain a NUL character'),
    /^[A-Za-z][A-Za-z0-9_]*$/,
    'a variable name is a letter then letters, digits or _',
  ).optional(),
  workingDirectory: absolutePath.optional(),
});

/**
 * Schema of one command task in the configuration file (YAML), e.g.
 * `{ description, executable: /usr/bin/spacewalk-repo-sync, args: [--channel, '{channel}'], parameters: {...} }`.
 * Besides each field, it checks that the argument template only uses declared parameters and that a task that
 * is not parallelizable does not ask for more than one run at once. The result is frozen.
 */
export const commandTaskSchema = fieldsSchema
  .superRefine((task, ctx) => {
    try {
      checkTemplate(task.args, toTaskParameters(task));
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message, path: ['args'] });
    }
    if (task.timeout <= 0) ctx.addIssue({ code: 'custom', message: 'the timeout must be positive', path: ['timeout'] });
    if (!task.parallelizable && task.maxParallel !== undefined && task.maxParallel > 1) {
      ctx.addIssue({
        code: 'custom',
        message: 'a task that is not parallelizable runs once at a time; drop maxParallel or set it to 1',
        path: ['maxParallel'],
      });
    }
  })
  .transform(
    (task): CommandTaskConfig =>
      Object.freeze({
        ...task,
        args: Object.freeze([...task.args]),
        ...(task.env === undefined ? {} : { env: Object.freeze({ ...task.env }) }),
      }),
  );

/** The declared parameters of a command task, as the task catalog lists them (in declaration order). */
export function toTaskParameters(config: Pick<CommandTaskConfig, 'parameters'>): TaskParameter[] {
  return Object.entries(config.parameters).map(([name, declaration]) => toTaskParameter(name, declaration));
}
