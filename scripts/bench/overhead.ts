/** One store's provisioning, in performance.now() milliseconds. */
export interface StoreTimeline {
  createdAt: number;
  /** the engine took the store up (its first step started): the end of queueing */
  startedAt: number;
  readyAt: number;
  helm: readonly { start: number; end: number }[];
  /** when the cluster itself reported each workload ready (watched, not polled) */
  workloadsReadyAt: readonly number[];
}

export interface Overhead {
  totalMs: number;
  queuedMs: number;
  helmMs: number;
  clusterMs: number;
  engineMs: number;
}

/**
 * Splits create→Ready into queueing, time inside Helm, the cluster's own readiness (from the
 * last Helm call's end to the last workload the cluster reported ready) and what is left,
 * which is the engine's own overhead: its steps, polls, storefront check and bookkeeping.
 */
export function splitOverhead(t: StoreTimeline): Overhead {
  const totalMs = t.readyAt - t.createdAt;
  const queuedMs = Math.max(0, t.startedAt - t.createdAt);
  const inWindow = t.helm.filter((h) => h.start >= t.startedAt && h.end <= t.readyAt);
  const helmMs = inWindow.reduce((sum, h) => sum + (h.end - h.start), 0);
  const helmEnd = Math.max(t.startedAt, ...inWindow.map((h) => h.end));
  const lastReady = Math.max(helmEnd, ...t.workloadsReadyAt.filter((at) => at <= t.readyAt));
  const clusterMs = lastReady - helmEnd;
  return {
    totalMs,
    queuedMs,
    helmMs,
    clusterMs,
    engineMs: Math.max(0, totalMs - queuedMs - helmMs - clusterMs),
  };
}
