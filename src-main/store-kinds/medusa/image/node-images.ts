import type { CoreV1Api } from '@kubernetes/client-node';

/** The image names one node's container runtime reports holding (Node.status.images). */
export interface NodeImages {
  node: string;
  images: string[];
}

/**
 * Every node's image names, as the kubelet reports them (containerd writes
 * `docker.io/storefleet/medusa-backend:<tag>`). Read-only: one list of Nodes. The client's own
 * configuration carries the caller's signal and deadline (createKubeClients).
 */
export async function listNodeImages(core: Pick<CoreV1Api, 'listNode'>): Promise<NodeImages[]> {
  const nodes = await core.listNode();
  return nodes.items.map((node) => ({
    node: node.metadata?.name ?? '',
    images: (node.status?.images ?? []).flatMap((image) => image.names ?? []),
  }));
}
