import { ApiFault, CONTRACT, isMethodName, type MethodSpec, type SYSTEM, xmlRpcTypeName } from '@taskomatic/shared';
import type { CallOutcome } from '../gate.js';
import type { HandlerGroupOf } from './handler.js';

/** Runs one call of a multicall through the gate, as if it came alone. */
export type Invoke = (methodName: string, params: ReadonlyArray<unknown>, address: string) => Promise<CallOutcome>;

/** Introspection, answered from the contract, and multicall through the gate (so each call is checked alone). */
export function systemHandlers(invoke: () => Invoke): HandlerGroupOf<typeof SYSTEM> {
  const spec = (name: string): MethodSpec => {
    if (!isMethodName(name)) throw new ApiFault('UNKNOWN_METHOD', `No method ${name.slice(0, 200)}`);
    return CONTRACT[name];
  };
  return {
    async 'system.listMethods'() {
      return Object.keys(CONTRACT).sort();
    },
    async 'system.methodHelp'(_call, name) {
      const s = spec(name);
      const who = s.role === 'public' ? 'no session' : s.role === 'any' ? 'any logged-in user' : `${s.role}s`;
      return `${s.help} (for ${who})`;
    },
    async 'system.methodSignature'(_call, name) {
      const s = spec(name);
      return s.signatures.map((params) => [
        xmlRpcTypeName(s.result),
        ...(s.role === 'public' ? [] : ['string']),
        ...params.map((p) => xmlRpcTypeName(p.type)),
      ]);
    },
    async 'system.multicall'(call, calls) {
      const results: unknown[] = [];
      for (const { methodName, params } of calls) {
        if (methodName === 'system.multicall') {
          results.push({ faultCode: 4, faultString: 'system.multicall cannot be nested' });
          continue;
        }
        const outcome = await invoke()(methodName, params, call.address);
        results.push(outcome.ok ? [outcome.value] : { faultCode: outcome.fault.code, faultString: outcome.fault.message });
      }
      return results;
    },
  };
}
