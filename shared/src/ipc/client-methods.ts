import type { ArgsOf, MethodName, ResultOf } from '../api/contract.js';

/**
 * The API methods the desktop app calls through its main process: the struct family. Session handling
 * (`auth.*`) belongs to the main process, introspection (`system.*`) and the Spacewalk family (`taskomatic.*`)
 * to scripts.
 */
export type ClientMethod = Exclude<MethodName, `auth.${string}` | `system.${string}` | `taskomatic.${string}`>;

/** True when the renderer may ask the main process to call `name`. */
export function isClientMethod(name: string): name is ClientMethod {
  return !/^(auth|system|taskomatic)\./.test(name);
}

export type ClientArgs<M extends ClientMethod> = ArgsOf<M>;
export type ClientResult<M extends ClientMethod> = ResultOf<M>;
