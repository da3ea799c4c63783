import type { V1Pod, V1Service, V1ServicePort } from '@kubernetes/client-node';
import { StorefrontError } from './storefront-error';

/** The pod and container port a connection to a Service's port would reach. */
export interface ForwardTarget {
  pod: string;
  port: number;
}

function describePorts(ports: V1ServicePort[]): string {
  if (ports.length === 0) return 'it has none';
  return `it has ${ports.map((p) => (p.name ? `${p.name} (${p.port})` : String(p.port))).join(', ')}`;
}

/** The Service port named `wanted`, or numbered `wanted` when it is all digits. */
export function findServicePort(service: V1Service, wanted: string, what: string): V1ServicePort {
  const ports = service.spec?.ports ?? [];
  const found = /^\d+$/.test(wanted)
    ? ports.find((p) => p.port === Number(wanted))
    : ports.find((p) => p.name === wanted);
  if (!found) {
    throw new StorefrontError(
      'connect',
      `The ${what} has no port "${wanted}" (${describePorts(ports)})`,
      { code: 'PortNotFound' },
    );
  }
  if ((found.protocol ?? 'TCP') !== 'TCP') {
    throw new StorefrontError(
      'connect',
      `The ${what} port "${wanted}" is ${found.protocol}, and only TCP can be port-forwarded`,
      { code: 'PortNotFound' },
    );
  }
  return found;
}

/** A label selector string for the Service's pods; a Service without one cannot be forwarded to. */
export function podSelector(service: V1Service, what: string): string {
  if (service.spec?.type === 'ExternalName') {
    throw new StorefrontError('connect', `The ${what} is of type ExternalName: it has no pods`, {
      code: 'NoSelector',
    });
  }
  const selector = Object.entries(service.spec?.selector ?? {});
  if (selector.length === 0) {
    throw new StorefrontError(
      'connect',
      `The ${what} has no pod selector, so there is no pod to port-forward to`,
      { code: 'NoSelector' },
    );
  }
  return selector.map(([key, value]) => `${key}=${value}`).join(',');
}

/** Running, Ready and not being deleted: a pod the Service's endpoints would list as ready. */
export function isReadyPod(pod: V1Pod): boolean {
  if (pod.metadata?.deletionTimestamp) return false;
  if (pod.status?.phase !== 'Running') return false;
  return (pod.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/**
 * The container port a Service port's targetPort names in this pod: a number as it is, a name
 * looked up in the pod's containers (as the endpoints controller does), undefined when absent.
 */
export function containerPort(pod: V1Pod, servicePort: V1ServicePort): number | undefined {
  const target = servicePort.targetPort ?? servicePort.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  for (const container of pod.spec?.containers ?? []) {
    for (const port of container.ports ?? []) {
      if (port.name === target && (port.protocol ?? 'TCP') === 'TCP') return port.containerPort;
    }
  }
  return undefined;
}

/**
 * The Ready pod (first by name, so repeated calls agree) a connection to the Service port
 * would reach, and its container port. No Ready pod is code 'ServiceUnavailable', the reason
 * the API server gives for a Service without ready endpoints, since a store that is starting
 * has none for a while.
 */
export function pickForwardTarget(
  servicePort: V1ServicePort,
  pods: V1Pod[],
  o: { what: string; selector: string },
): ForwardTarget {
  const ready = pods
    .filter(isReadyPod)
    .sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
  if (ready.length === 0) {
    const seen =
      pods.length === 0
        ? `no pod matches its selector ${o.selector}`
        : `none of the ${pods.length} pod${pods.length === 1 ? '' : 's'} matching ${o.selector} is Ready`;
    throw new StorefrontError('connect', `No Ready pod behind the ${o.what}: ${seen}`, {
      code: 'ServiceUnavailable',
    });
  }
  for (const pod of ready) {
    const port = containerPort(pod, servicePort);
    const name = pod.metadata?.name;
    if (port !== undefined && name) return { pod: name, port };
  }
  throw new StorefrontError(
    'connect',
    `No Ready pod behind the ${o.what} has a TCP container port named "${String(servicePort.targetPort)}"`,
    { code: 'PortNotFound' },
  );
}
