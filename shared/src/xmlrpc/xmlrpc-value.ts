/**
 * A value decoded from a request:
 * - `<string>` and bare text: `string`; `<int>`, `<i4>`, `<i8>`: an integer `number` (i8 only within ±(2^53-1));
 *   `<double>`: `number`; `<boolean>`: `boolean`;
 * - `<dateTime.iso8601>`: `Date` (a value written without a zone is UTC: the API states every instant in UTC);
 * - `<base64>`: `Uint8Array` (its own memory, never a view on a shared pool);
 * - `<array>`: an array; `<struct>`: an `XmlRpcStruct`; `<nil/>` (an extension): `null`.
 */
export type XmlRpcValue = string | number | boolean | Date | Uint8Array | null | XmlRpcArray | XmlRpcStruct;

/** A decoded `<array>`. */
export type XmlRpcArray = ReadonlyArray<XmlRpcValue>;

/**
 * A decoded `<struct>`: an object made with `Object.create(null)`, one own enumerable property per member.
 * Member names are data sent by the caller, so the object has no prototype: `__proto__`, `constructor` or
 * `toString` are ordinary members, and nothing is inherited (`struct.toString` is undefined unless sent, and
 * `${struct}` throws). Read members with `Object.hasOwn`, `Object.keys` or `Object.entries`. To copy one into a
 * fresh object use spread or `Object.fromEntries` (they define properties); never `Object.assign({}, struct)` or
 * `target[name] = value` on an ordinary object, which would treat a `__proto__` member as the prototype.
 */
export interface XmlRpcStruct {
  readonly [member: string]: XmlRpcValue;
}

/** An empty struct to fill: a null-prototype object (see `XmlRpcStruct`). */
export function createStruct(): Record<string, XmlRpcValue> {
  return Object.create(null) as Record<string, XmlRpcValue>;
}

/** True when a decoded value is a struct (an object that is none of array, Date, Uint8Array). */
export function isXmlRpcStruct(value: XmlRpcValue): value is XmlRpcStruct {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && !(value instanceof Uint8Array);
}

/**
 * What the serializer accepts: the decoded types (without null), `Buffer` (a `Uint8Array`), and plain objects as
 * structs, whose members may be `undefined` or `null` to leave them out (XML-RPC has no null).
 */
export type ResultValue = string | number | boolean | Date | Uint8Array | ReadonlyArray<ResultValue> | ResultStruct;

/** A plain object sent as a `<struct>`: only own enumerable string keys are sent; `undefined` and `null` are left out. */
export interface ResultStruct {
  readonly [member: string]: ResultValue | null | undefined;
}
