import { z } from 'zod';

/**
 * A map of names to values in the configuration file (parameters, environment variables), whose names must
 * match `pattern`. Names are checked on the raw input because a record schema silently drops a `__proto__` key:
 * checked here, it is reported like any other bad name instead of vanishing.
 */
export function namedRecord<T extends z.ZodType>(value: T, pattern: RegExp, nameRule: string) {
  return z.preprocess(
    (input, ctx) => {
      if (typeof input === 'object' && input !== null && !Array.isArray(input)) {
        for (const name of Object.keys(input).filter((key) => !pattern.test(key))) {
          ctx.addIssue({ code: 'custom', message: nameRule, path: [name], input });
        }
      }
      return input;
    },
    z.record(z.string(), value),
  );
}
