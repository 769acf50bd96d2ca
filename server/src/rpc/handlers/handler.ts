import type { Contract, MethodArgs, MethodName, MethodResult } from '@taskomatic/shared';
import type { CallContext } from '../gate.js';

/** The handler of a method spec, typed from the contract. */
export type HandlerOf<S> = (call: CallContext, ...args: ArgsTuple<S>) => Promise<MethodResult<S>>;

type ArgsTuple<S> = MethodArgs<S> extends infer A extends unknown[] ? A : never;

/** The handler of one method of the contract. */
export type Handler<M extends MethodName> = HandlerOf<Contract[M]>;

/** A handler for every method of the contract: one missing does not compile. */
export type Handlers = { readonly [M in MethodName]: Handler<M> };

/**
 * Handlers of one namespace, typed from that namespace's part of the contract (`typeof RUNS`): checking a
 * small group at a time keeps the compiler well within its limits.
 */
export type HandlerGroupOf<C> = { readonly [K in keyof C]: HandlerOf<C[K]> };

/** Handlers of some methods of the contract. */
export type HandlerGroup<M extends MethodName> = { readonly [K in M]: Handler<K> };
