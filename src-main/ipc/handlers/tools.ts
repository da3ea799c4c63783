import type { ToolInfo } from '../../shared/service-types';
import type { StoreKindInfo } from '../contract';
import { parseArg } from '../parse-arg';
import type { AppServices } from '../services';

export async function toolStatus(services: AppServices, arg: unknown): Promise<ToolInfo[]> {
  parseArg('toolStatus', arg);
  return services.tools();
}

export async function storeKinds(services: AppServices, arg: unknown): Promise<StoreKindInfo[]> {
  parseArg('storeKinds', arg);
  return Promise.resolve(services.storeKinds());
}
