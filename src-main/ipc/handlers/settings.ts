import type { Settings } from '../../../src-shared/types/service-types';
import { parseArg } from '../../../src-shared/ipc/parse-arg';
import type { AppServices } from '../services';

export async function getSettings(services: AppServices, arg: unknown): Promise<Settings> {
  parseArg('getSettings', arg);
  return Promise.resolve(services.settings.get());
}

export async function updateSettings(services: AppServices, arg: unknown): Promise<Settings> {
  const patch = parseArg('updateSettings', arg);
  return Promise.resolve(services.settings.update(patch));
}
