import type { ToolInfo } from '../../../src-shared/types/service-types';
import type { StoreKindInfo } from '../../../src-shared/ipc/contract';
import { parseArg } from '../../../src-shared/ipc/parse-arg';
import type { AppServices } from '../services';

export async function toolStatus(services: AppServices, arg: unknown): Promise<ToolInfo[]> {
  parseArg('toolStatus', arg);
  return services.tools();
}

export async function storeKinds(services: AppServices, arg: unknown): Promise<StoreKindInfo[]> {
  parseArg('storeKinds', arg);
  return Promise.resolve(services.storeKinds());
}
