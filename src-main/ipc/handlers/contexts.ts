import type { ContextProbe } from '../../../src-shared/types/service-types';
import type { ContextList } from '../../../src-shared/ipc/contract';
import { parseArg } from '../../../src-shared/ipc/parse-arg';
import type { AppServices } from '../services';

export async function listContexts(services: AppServices, arg: unknown): Promise<ContextList> {
  parseArg('listContexts', arg);
  return services.contexts.list();
}

export async function selectContext(services: AppServices, arg: unknown): Promise<ContextList> {
  const { context } = parseArg('selectContext', arg);
  return services.contexts.select(context);
}

export async function probeContext(services: AppServices, arg: unknown): Promise<ContextProbe> {
  const { context } = parseArg('probeContext', arg);
  return services.contexts.probe(context);
}
