import type { HandlerPart } from '../handler-table';

export const storeMetricsHandlers = {
  storeResources: (services, { context, storeId }) => services.storeMetrics.read(context, storeId),
} satisfies HandlerPart;
