import {
  ApiException,
  ApiextensionsV1Api,
  CustomObjectsApi,
  type KubeConfig,
  type V1CustomResourceDefinition,
  type V1JSONSchemaProps,
} from '@kubernetes/client-node';
import { waitFor } from './wait';

// kwok serves `kubectl port-forward` (pods/portforward, proxied by the API server as it would
// be to a kubelet) from its PortForward objects: one per pod, named after it, mapping the pod's
// ports to an address that kwok dials on this machine. With `--enable-crds=PortForward` kwok
// watches them in the cluster, so a test can point one pod's port at its own local server.

export const KWOK_GROUP = 'kwok.x-k8s.io';
export const KWOK_VERSION = 'v1alpha1';
export const PORT_FORWARD_PLURAL = 'portforwards';
export const PORT_FORWARD_KIND = 'PortForward';
export const PORT_FORWARD_CRD_NAME = `${PORT_FORWARD_PLURAL}.${KWOK_GROUP}`;

const int32: V1JSONSchemaProps = { type: 'integer', format: 'int32', minimum: 0, maximum: 65535 };

/** The fields kwok reads from a PortForward (kwok's API, v1alpha1), validated as kwok would. */
const forwardSchema: V1JSONSchemaProps = {
  type: 'object',
  properties: {
    ports: { type: 'array', items: int32 },
    target: {
      type: 'object',
      required: ['port', 'address'],
      properties: { port: int32, address: { type: 'string', minLength: 1 } },
    },
    command: { type: 'array', items: { type: 'string' } },
  },
};

export const PORT_FORWARD_CRD: V1CustomResourceDefinition = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: PORT_FORWARD_CRD_NAME },
  spec: {
    group: KWOK_GROUP,
    names: {
      kind: PORT_FORWARD_KIND,
      listKind: `${PORT_FORWARD_KIND}List`,
      plural: PORT_FORWARD_PLURAL,
      singular: 'portforward',
    },
    scope: 'Namespaced',
    versions: [
      {
        name: KWOK_VERSION,
        served: true,
        storage: true,
        subresources: { status: {} },
        schema: {
          openAPIV3Schema: {
            type: 'object',
            required: ['spec'],
            properties: {
              spec: {
                type: 'object',
                required: ['forwards'],
                properties: { forwards: { type: 'array', items: forwardSchema } },
              },
              status: { type: 'object', x_kubernetes_preserve_unknown_fields: true },
            },
          },
        },
      },
    ],
  },
};

/** Creates kwok's PortForward CRD unless it exists, and waits until the API serves it. */
export async function installKwokPortForwardCrd(kc: KubeConfig, timeoutMs = 30_000): Promise<void> {
  const api = kc.makeApiClient(ApiextensionsV1Api);
  await api.createCustomResourceDefinition({ body: PORT_FORWARD_CRD }).catch((error: unknown) => {
    if (error instanceof ApiException && error.code === 409) return;
    throw error;
  });
  await waitFor(
    `the ${PORT_FORWARD_CRD_NAME} CRD to be established`,
    async () => {
      const crd = await api.readCustomResourceDefinition({ name: PORT_FORWARD_CRD_NAME });
      const established = crd.status?.conditions?.some(
        (c) => c.type === 'Established' && c.status === 'True',
      );
      return established ? true : undefined;
    },
    timeoutMs,
  );
}

/**
 * Makes kwok forward connections to `podPort` of the pod (port-forward through the API server)
 * to `target` on this machine, as if the pod's container listened there. Only that port is
 * forwarded: any other port of the pod is refused by kwok.
 */
export async function forwardPodPort(
  kc: KubeConfig,
  o: { namespace: string; pod: string; podPort: number; target: { address: string; port: number } },
): Promise<void> {
  await kc.makeApiClient(CustomObjectsApi).createNamespacedCustomObject({
    group: KWOK_GROUP,
    version: KWOK_VERSION,
    namespace: o.namespace,
    plural: PORT_FORWARD_PLURAL,
    body: {
      apiVersion: `${KWOK_GROUP}/${KWOK_VERSION}`,
      kind: PORT_FORWARD_KIND,
      metadata: { name: o.pod, namespace: o.namespace },
      spec: { forwards: [{ ports: [o.podPort], target: o.target }] },
    },
  });
}
