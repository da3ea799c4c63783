import type { HandlerPart } from '../handler-table';

export const contextHandlers = {
  listContexts: (services) => services.contexts.list(),
  selectContext: (services, { context }) => services.contexts.select(context),
  probeContext: (services, { context }) => services.contexts.probe(context),
} satisfies HandlerPart;
