import type {
  CoreV1Event,
  V1ContainerStatus,
  V1LabelSelector,
  V1Pod,
} from '@kubernetes/client-node';
import type { KubeClients } from './client';

/** Waiting reasons that will not fix themselves, worth naming before the deadline passes. */
const STUCK_REASONS = new Set([
  'ImagePullBackOff',
  'ErrImagePull',
  'InvalidImageName',
  'CrashLoopBackOff',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
]);

export function selectorString(selector: V1LabelSelector | undefined): string {
  const parts = Object.entries(selector?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of selector?.matchExpressions ?? []) {
    const values = (e.values ?? []).join(',');
    if (e.operator === 'In') parts.push(`${e.key} in (${values})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${values})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.join(',');
}

function containerProblem(pod: string, s: V1ContainerStatus): string | undefined {
  const waiting = s.state?.waiting;
  if (waiting?.reason && STUCK_REASONS.has(waiting.reason)) {
    const detail = waiting.message ? `: ${firstLine(waiting.message)}` : '';
    return `pod ${pod}: container ${s.name} ${waiting.reason}${detail}`;
  }
  const last = s.state?.terminated ?? s.lastState?.terminated;
  if (last && last.exitCode !== 0) {
    const why = [last.reason, last.message && firstLine(last.message)].filter(Boolean).join(': ');
    return `pod ${pod}: container ${s.name} exited with code ${last.exitCode}${why ? ` (${why})` : ''}`;
  }
  return undefined;
}

/** A sentence naming why this pod is not ready, or undefined when nothing is known to be wrong. */
export function describePodProblem(pod: V1Pod): string | undefined {
  const name = pod.metadata?.name ?? '?';
  const scheduled = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
  if (scheduled?.status === 'False') {
    const why = scheduled.message ?? scheduled.reason ?? 'not scheduled yet';
    return `pod pending: ${firstLine(why)}`;
  }
  const statuses = [
    ...(pod.status?.initContainerStatuses ?? []),
    ...(pod.status?.containerStatuses ?? []),
  ];
  for (const s of statuses) {
    const problem = containerProblem(name, s);
    if (problem) return problem;
  }
  if (pod.status?.phase === 'Failed') {
    const why = [pod.status.reason, pod.status.message].filter(Boolean).join(': ');
    return `pod ${name} failed${why ? `: ${firstLine(why)}` : ''}`;
  }
  return undefined;
}

function isReady(pod: V1Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** The most telling problem among the pods a workload selects: stuck ones before merely slow ones. */
export function summarizePods(pods: V1Pod[]): string | undefined {
  const live = pods.filter((p) => !p.metadata?.deletionTimestamp);
  for (const pod of live) {
    if (isReady(pod)) continue;
    const problem = describePodProblem(pod);
    if (problem) return problem;
  }
  const starting = live.find((p) => !isReady(p) && p.status?.phase !== 'Succeeded');
  if (!starting) return undefined;
  const waiting = starting.status?.containerStatuses?.find((s) => s.state?.waiting)?.state?.waiting;
  const phase = starting.status?.phase ?? 'Pending';
  return `pod ${starting.metadata?.name ?? '?'} ${phase}${waiting?.reason ? ` (${waiting.reason})` : ''}`;
}

export async function listPods(c: KubeClients, ns: string, selector: string): Promise<V1Pod[]> {
  const list = await c.core.listNamespacedPod({ namespace: ns, labelSelector: selector });
  return list.items;
}

function eventTime(e: CoreV1Event): number {
  const t =
    e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp;
  return t ? new Date(t).getTime() : 0;
}

/**
 * The latest FailedCreate event on any of the given objects (a ReplicaSet, StatefulSet or Job),
 * which is where admission refusals such as an exceeded ResourceQuota show up: the pods that
 * were refused never exist, so no pod condition can tell.
 */
export async function latestFailedCreate(
  c: KubeClients,
  ns: string,
  uids: string[],
): Promise<string | undefined> {
  const found: CoreV1Event[] = [];
  for (const uid of uids) {
    const list = await c.core.listNamespacedEvent({
      namespace: ns,
      fieldSelector: `involvedObject.uid=${uid},reason=FailedCreate`,
    });
    found.push(...list.items);
  }
  const latest = found.sort((a, b) => eventTime(b) - eventTime(a))[0];
  return latest?.message ? `cannot create pods: ${plainFailedCreate(latest.message)}` : undefined;
}

/**
 * The admission reason alone. Controllers prefix it with generated pod names that change on
 * every retry, which would make each progress message look new.
 */
export function plainFailedCreate(message: string): string {
  const line = firstLine(message).replace(/^\(combined from similar events\):\s*/, '');
  const forbidden = line.indexOf(' is forbidden: ');
  if (forbidden >= 0) return line.slice(forbidden + ' is forbidden: '.length);
  return line.replace(/^Error creating:\s*/, '');
}

function firstLine(text: string): string {
  return text.split('\n')[0]?.trim() ?? '';
}
