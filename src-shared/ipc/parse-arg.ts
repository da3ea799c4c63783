import type { InvokeArg, InvokeMethod } from './contract';
import { IpcError } from './ipc-error';
import { INVOKE_SCHEMAS, describeIssues } from './schemas';

/**
 * Checks an untrusted argument against its method's schema. Handlers call it first, so they are
 * safe whichever transport (or test) calls them.
 */
export function parseArg<M extends InvokeMethod>(method: M, arg: unknown): InvokeArg<M> {
  const schema = INVOKE_SCHEMAS[method];
  const result = schema.safeParse(arg);
  if (result.success) return result.data;
  const { message, field } = describeIssues(result.error);
  throw new IpcError('invalid-argument', `${method}: ${message}`, { field });
}
