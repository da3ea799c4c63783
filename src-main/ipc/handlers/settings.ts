import type { HandlerPart } from '../handler-table';

export const settingsHandlers = {
  getSettings: (services) => services.settings.get(),
  updateSettings: (services, patch) => services.settings.update(patch),
} satisfies HandlerPart;
