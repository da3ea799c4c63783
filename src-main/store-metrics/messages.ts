// The sentences the page shows, once, when resource use cannot be read.
export const METRICS_ABSENT_MESSAGE =
  'Resource use needs metrics-server (k3s ships it; on k3d it is on by default).';
export const METRICS_FORBIDDEN_MESSAGE =
  'Resource use is not shown: your cluster account may not read pod metrics.';
export const METRICS_UNAVAILABLE_MESSAGE =
  'metrics-server did not answer, so resource use is not shown; it will appear when it does.';
export const CLUSTER_UNREACHABLE_MESSAGE =
  'The cluster did not answer, so resource use is not shown.';
