import type { V1Pod } from '@kubernetes/client-node';
import { componentOfPod } from './components';

export interface ContainerSource {
  pod: string;
  container: string;
  component: string;
  init: boolean;
  /** whether the container has started, so that the API has a log for it */
  started: boolean;
  /** bumps when the container restarts: its new run has a new log */
  restarts: number;
}

/** Every container of a pod, init containers first, each with its component. */
export function containersOf(pod: V1Pod, release: string): ContainerSource[] {
  const name = pod.metadata?.name ?? '';
  const component = componentOfPod({ name, labels: pod.metadata?.labels }, release);
  const statuses = [
    ...(pod.status?.initContainerStatuses ?? []),
    ...(pod.status?.containerStatuses ?? []),
  ];
  const source = (container: string, init: boolean): ContainerSource => {
    const status = statuses.find((s) => s.name === container);
    const state = status?.state;
    const started = !!(state?.running ?? state?.terminated ?? status?.lastState?.terminated);
    return { pod: name, container, component, init, started, restarts: status?.restartCount ?? 0 };
  };
  return [
    ...(pod.spec?.initContainers ?? []).map((c) => source(c.name, true)),
    ...(pod.spec?.containers ?? []).map((c) => source(c.name, false)),
  ];
}
