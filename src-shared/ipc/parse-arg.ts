import type { z } from 'zod';
import type { InvokeMethod, ParsedArg } from './contract';
import { IpcError } from './ipc-error';
import { IPC_METHODS } from './methods';
import { describeIssues } from './schemas';

/**
 * Checks an untrusted argument against its method's schema in the table. Dispatch calls it once
 * for every invoke, before any implementation runs.
 */
export function parseArg<M extends InvokeMethod>(method: M, arg: unknown): ParsedArg<M> {
  const schema: z.ZodType = IPC_METHODS[method].arg;
  const result = schema.safeParse(arg);
  // The schema is this method's own, so its output is this method's parsed argument.
  if (result.success) return result.data as ParsedArg<M>;
  const { message, field } = describeIssues(result.error);
  throw new IpcError('invalid-argument', message, { field });
}
