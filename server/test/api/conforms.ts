import { type ApiType, CONTRACT, fieldOf, type MethodName } from '@taskomatic/shared';

/**
 * Checks a decoded answer against a type of the contract: every required struct field present, no field the
 * contract does not declare, each value of its declared kind (ints whole and in range, enums from their list,
 * strings within their length, dates as Date). Returns the problems found, each with the path where it is.
 */
export function problems(type: ApiType, value: unknown, path = 'result'): string[] {
  const found: string[] = [];
  check(type, value, path, found);
  return found;
}

/** The problems of a method's answer against its declared result type. */
export function resultProblems(method: MethodName, value: unknown): string[] {
  return problems(CONTRACT[method].result, value, `${method} result`);
}

function check(type: ApiType, value: unknown, path: string, found: string[]): void {
  const fail = (what: string) => found.push(`${path}: ${what} (got ${describe(value)})`);
  switch (type.kind) {
    case 'string':
      if (typeof value !== 'string') return void fail('expected a string');
      if (value.length > type.maxLength) fail(`longer than ${type.maxLength}`);
      return;
    case 'int':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) return void fail('expected an int');
      if (type.min !== undefined && value < type.min) fail(`below ${type.min}`);
      if (type.max !== undefined && value > type.max) fail(`above ${type.max}`);
      return;
    case 'double':
      if (typeof value !== 'number') fail('expected a double');
      return;
    case 'boolean':
      if (typeof value !== 'boolean') fail('expected a boolean');
      return;
    case 'dateTime':
      if (!(value instanceof Date) || Number.isNaN(value.getTime())) fail('expected a dateTime');
      return;
    case 'base64':
      if (!(value instanceof Uint8Array)) fail('expected base64');
      return;
    case 'enum':
      if (typeof value !== 'string' || !type.values.includes(value)) fail(`expected one of ${type.values.join(', ')}`);
      return;
    case 'array':
      if (!Array.isArray(value)) return void fail('expected an array');
      if (value.length > type.maxItems) fail(`more than ${type.maxItems} items`);
      value.forEach((item, i) => check(type.items, item, `${path}[${i}]`, found));
      return;
    case 'map':
      if (!isStruct(value)) return void fail('expected a struct');
      for (const [name, member] of Object.entries(value)) check(type.values, member, `${path}.${name}`, found);
      return;
    case 'struct': {
      if (!isStruct(value)) return void fail(`expected struct ${type.name ?? ''}`);
      const fields = type.fields as Readonly<Record<string, Parameters<typeof fieldOf>[0]>>;
      for (const [name, declared] of Object.entries(fields)) {
        const field = fieldOf(declared);
        if (!Object.hasOwn(value, name)) {
          if (!field.optional) found.push(`${path}.${name}: required field missing`);
          continue;
        }
        check(field.type, value[name], `${path}.${name}`, found);
      }
      for (const name of Object.keys(value)) if (!Object.hasOwn(fields, name)) found.push(`${path}.${name}: not declared in the contract`);
      return;
    }
    case 'any':
      return;
  }
}

function isStruct(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date) && !(value instanceof Uint8Array);
}

function describe(value: unknown): string {
  if (value instanceof Date) return `date ${value.toISOString()}`;
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
