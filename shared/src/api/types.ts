/**
 * The types of the API's values, declared once and used three ways: the server checks every call's
 * parameters against them at the gate, the API reference and `system.methodSignature` are generated from
 * them, and TypeScript infers the handlers' and the client's types from them.
 *
 * XML-RPC has no null: an optional struct field is left out when it has no value.
 */
export type ApiType =
  | { readonly kind: 'string'; readonly maxLength: number }
  | { readonly kind: 'int'; readonly min?: number; readonly max?: number }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'double' }
  | { readonly kind: 'dateTime' }
  | { readonly kind: 'base64' }
  | { readonly kind: 'enum'; readonly values: ReadonlyArray<string> }
  | { readonly kind: 'array'; readonly items: ApiType; readonly maxItems: number }
  | { readonly kind: 'struct'; readonly name?: string; readonly fields: Readonly<Record<string, ApiField | ApiType>> }
  | { readonly kind: 'map'; readonly values: ApiType; readonly maxEntries: number }
  | { readonly kind: 'any' };

/** A field of a struct. */
export interface ApiField {
  readonly type: ApiType;
  readonly optional: boolean;
  readonly doc?: string;
}

/** A positional parameter of a method. */
export interface ApiParam {
  readonly name: string;
  readonly type: ApiType;
  readonly doc?: string;
}

/** Default longest string accepted in a parameter. */
const STRING_LIMIT = 64 * 1024;

/** Builders for API types; `t.struct({...})` infers its TypeScript type. */
export const t = {
  string: (maxLength = STRING_LIMIT) => ({ kind: 'string', maxLength }) as const,
  int: (range: { min?: number; max?: number } = {}) => ({ kind: 'int', ...range }) as const,
  boolean: () => ({ kind: 'boolean' }) as const,
  double: () => ({ kind: 'double' }) as const,
  dateTime: () => ({ kind: 'dateTime' }) as const,
  base64: () => ({ kind: 'base64' }) as const,
  enum: <const V extends ReadonlyArray<string>>(values: V) => ({ kind: 'enum', values }) as const,
  array: <T extends ApiType>(items: T, maxItems = 10_000) => ({ kind: 'array', items, maxItems }) as const,
  struct: <F extends Record<string, ApiType | ApiField>>(fields: F, name?: string): StructType<F> => ({
    kind: 'struct',
    fields,
    ...(name ? { name } : {}),
  }),
  map: <T extends ApiType>(values: T, maxEntries = 1000) => ({ kind: 'map', values, maxEntries }) as const,
  any: () => ({ kind: 'any' }) as const,
  /**
   * A struct whose TypeScript type is the interface `T`, written out where it is declared: large result
   * structs are compared by name instead of being inferred again at every use (the compiler gives up on
   * inferring them in big handler groups). A type test keeps each interface equal to what its fields describe.
   */
  typed:
    <T>() =>
    <F extends Record<string, ApiType | ApiField>>(fields: F, name: string): StructType<F, T> => ({ kind: 'struct', fields, name }),
  /** An optional struct field. */
  optional: <T extends ApiType>(type: T, doc?: string) => ({ type, optional: true as const, ...(doc ? { doc } : {}) }),
  /** A required struct field with documentation. */
  field: <T extends ApiType>(type: T, doc: string) => ({ type, optional: false as const, doc }),
};

/**
 * A struct type whose fields keep their declared TypeScript types. A field is written either as its type
 * (required) or as an `ApiField` (`t.optional`, `t.field`); `fieldOf` reads both.
 */
export type StructType<F extends Record<string, ApiType | ApiField>, T = unknown> = {
  readonly kind: 'struct';
  readonly name?: string;
  readonly fields: F;
  /** Type-level only: the TypeScript interface of a named result struct (see `t.typed`). */
  readonly __type?: T;
};

/** A struct field as an `ApiField`, however it was written. */
export function fieldOf(field: ApiType | ApiField): ApiField {
  return 'kind' in field ? { type: field, optional: false } : field;
}

/** TypeScript types of the scalar kinds. */
interface ScalarTypes {
  string: string;
  int: number;
  double: number;
  boolean: boolean;
  dateTime: Date;
  base64: Uint8Array;
  any: unknown;
}

/** The TypeScript type of values of an API type. */
export type Infer<T> = T extends { kind: 'enum'; values: ReadonlyArray<infer V> }
  ? V
  : T extends { kind: 'array'; items: infer I }
    ? Array<Infer<I>>
    : T extends { kind: 'map'; values: infer V }
      ? Record<string, Infer<V>>
      : T extends { kind: 'struct'; fields: infer F; __type?: infer N }
        ? unknown extends N
          ? InferStruct<F>
          : N
        : T extends { kind: infer K extends keyof ScalarTypes }
          ? ScalarTypes[K]
          : unknown;

type FieldType<V> = V extends { kind: string } ? Infer<V> : V extends { type: infer T } ? Infer<T> : never;

/** The type a struct's fields describe (what `t.typed` interfaces must equal). */
export type InferFields<F> = InferStruct<F>;

type InferStruct<F> = {
  -readonly [K in keyof F as F[K] extends { optional: true } ? never : K]: FieldType<F[K]>;
} & {
  -readonly [K in keyof F as F[K] extends { optional: true } ? K : never]?: FieldType<F[K]>;
};

/** A type in words, as the API reference and error messages show it. */
export function describeType(type: ApiType): string {
  switch (type.kind) {
    case 'string':
      return 'string';
    case 'int':
      return 'int';
    case 'boolean':
      return 'boolean';
    case 'double':
      return 'double';
    case 'dateTime':
      return 'dateTime.iso8601';
    case 'base64':
      return 'base64';
    case 'enum':
      return `string (${type.values.join(' | ')})`;
    case 'array':
      return `array of ${describeType(type.items)}`;
    case 'struct':
      return type.name ? `struct ${type.name}` : 'struct';
    case 'map':
      return `struct of ${describeType(type.values)}`;
    case 'any':
      return 'any value';
  }
}

/** The XML-RPC type name of a type, for `system.methodSignature`. */
export function xmlRpcTypeName(type: ApiType): string {
  switch (type.kind) {
    case 'string':
    case 'enum':
      return 'string';
    case 'int':
      return 'int';
    case 'boolean':
      return 'boolean';
    case 'double':
      return 'double';
    case 'dateTime':
      return 'dateTime.iso8601';
    case 'base64':
      return 'base64';
    case 'array':
      return 'array';
    case 'struct':
    case 'map':
      return 'struct';
    case 'any':
      return 'any';
  }
}
