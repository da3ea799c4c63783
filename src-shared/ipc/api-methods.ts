// Every transport's method half of StorefleetApi, built from the contract's method list: the
// preload, the browser client and the test fake differ only in how one call travels.
import type { InvokeMethod, StorefleetApi } from './contract';
import { INVOKE_METHODS } from './contract';

export type InvokeFn = (method: InvokeMethod, arg: unknown) => Promise<unknown>;

export type ApiMethods = Omit<StorefleetApi, 'on'>;

/** One function per method; a missing argument is sent as `{}`. */
export function apiMethods(invoke: InvokeFn): ApiMethods {
  const out: Record<string, unknown> = {};
  for (const method of INVOKE_METHODS) {
    out[method] = (arg: unknown) => invoke(method, arg ?? {});
  }
  return out as ApiMethods;
}
