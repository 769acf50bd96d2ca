import { type ApiType, fieldOf } from '@taskomatic/shared';

/** A parameter that does not match its declared type; `path` says where (e.g. `request.params.channel`). */
export class ParamTypeError extends Error {
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`${path}: ${problem}`);
    this.name = 'ParamTypeError';
  }
}

// Control characters (C0, DEL and C1) have no place in a parameter (tab, newline and carriage return
// excepted): they forge log lines and terminal output.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;

/**
 * Checks a decoded XML-RPC value against its declared type and returns it as the handler will see it:
 * structs are rebuilt into fresh plain objects holding only declared fields (a member named `__proto__` is
 * refused as unknown, never copied), strings are checked for length and control characters, integers for
 * range. Throws `ParamTypeError` naming the path and the problem.
 */
export function checkValue(type: ApiType, value: unknown, path: string): unknown {
  switch (type.kind) {
    case 'string': {
      if (typeof value !== 'string') throw new ParamTypeError(path, `expected a string, got ${describe(value)}`);
      if (value.length > type.maxLength) throw new ParamTypeError(path, `longer than ${type.maxLength} characters`);
      if (CONTROL.test(value)) throw new ParamTypeError(path, 'contains control characters');
      return value;
    }
    case 'int': {
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new ParamTypeError(path, `expected an int, got ${describe(value)}`);
      if (type.min !== undefined && value < type.min) throw new ParamTypeError(path, `${value} is below ${type.min}`);
      if (type.max !== undefined && value > type.max) throw new ParamTypeError(path, `${value} is above ${type.max}`);
      return value;
    }
    case 'double':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new ParamTypeError(path, `expected a double, got ${describe(value)}`);
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw new ParamTypeError(path, `expected a boolean, got ${describe(value)}`);
      return value;
    case 'dateTime':
      if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new ParamTypeError(path, `expected a dateTime.iso8601, got ${describe(value)}`);
      return value;
    case 'base64':
      if (!(value instanceof Uint8Array)) throw new ParamTypeError(path, `expected base64, got ${describe(value)}`);
      return value;
    case 'enum':
      if (typeof value !== 'string' || !type.values.includes(value)) {
        throw new ParamTypeError(path, `expected one of ${type.values.join(', ')}, got ${describe(value)}`);
      }
      return value;
    case 'array': {
      if (!Array.isArray(value)) throw new ParamTypeError(path, `expected an array, got ${describe(value)}`);
      if (value.length > type.maxItems) throw new ParamTypeError(path, `more than ${type.maxItems} items`);
      return value.map((item, i) => checkValue(type.items, item, `${path}[${i}]`));
    }
    case 'struct':
      return checkStruct(type.fields, value, path);
    case 'map': {
      const entries = structEntries(value, path);
      if (entries.length > type.maxEntries) throw new ParamTypeError(path, `more than ${type.maxEntries} members`);
      const result: Record<string, unknown> = {};
      for (const [name, member] of entries) {
        if (name === '__proto__' || CONTROL.test(name)) throw new ParamTypeError(path, `member name '${name}' is not allowed`);
        result[name] = checkValue(type.values, member, `${path}.${name}`);
      }
      return result;
    }
    case 'any':
      return value;
  }
}

function checkStruct(fields: Readonly<Record<string, unknown>>, value: unknown, path: string): Record<string, unknown> {
  const given = new Map(structEntries(value, path));
  const result: Record<string, unknown> = {};
  for (const [name, declared] of Object.entries(fields)) {
    const field = fieldOf(declared as Parameters<typeof fieldOf>[0]);
    const member = given.get(name);
    given.delete(name);
    if (member === undefined || member === null) {
      if (!field.optional) throw new ParamTypeError(`${path}.${name}`, 'required but missing');
      continue;
    }
    result[name] = checkValue(field.type, member, `${path}.${name}`);
  }
  const unknown = [...given.keys()];
  if (unknown.length > 0) {
    throw new ParamTypeError(path, `unknown member${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `'${n}'`).join(', ')} (known: ${Object.keys(fields).join(', ')})`);
  }
  return result;
}

/** The members of a decoded struct, whatever object shape the decoder gives it. */
function structEntries(value: unknown, path: string): Array<[string, unknown]> {
  if (value instanceof Map) return [...value.entries()] as Array<[string, unknown]>;
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date) && !(value instanceof Uint8Array)) {
    return Object.keys(value).map((k) => [k, (value as Record<string, unknown>)[k]]);
  }
  throw new ParamTypeError(path, `expected a struct, got ${describe(value)}`);
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return 'a dateTime';
  if (value instanceof Uint8Array) return 'base64';
  if (typeof value === 'object') return 'a struct';
  if (typeof value === 'string') return `the string '${value.length > 40 ? `${value.slice(0, 40)}…` : value}'`;
  return `${typeof value === 'number' && Number.isInteger(value) ? 'the int' : typeof value === 'number' ? 'the double' : `the ${typeof value}`} ${String(value)}`;
}
