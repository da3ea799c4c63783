import type { CoreV1Api, V1NodeList } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { listNodeImages } from './node-images';

/** Stand-in for CoreV1Api.listNode: answers with a fixed node list. */
function coreStandIn(list: V1NodeList): Pick<CoreV1Api, 'listNode'> {
  return { listNode: () => Promise.resolve(list) };
}

describe('listNodeImages (stand-in CoreV1Api)', () => {
  it("flattens each node's image names as the kubelet reports them", async () => {
    const core = coreStandIn({
      items: [
        {
          metadata: { name: 'k3d-dev-server-0' },
          status: {
            images: [
              {
                names: [
                  'docker.io/storefleet/medusa-backend@sha256:0f1e',
                  'docker.io/storefleet/medusa-backend:0123456789ab',
                ],
                sizeBytes: 1,
              },
              { names: ['docker.io/rancher/mirrored-pause:3.6'], sizeBytes: 1 },
            ],
          },
        },
        { metadata: { name: 'k3d-dev-agent-0' }, status: {} },
        { metadata: { name: 'k3d-dev-agent-1' } },
      ],
    });
    expect(await listNodeImages(core)).toEqual([
      {
        node: 'k3d-dev-server-0',
        images: [
          'docker.io/storefleet/medusa-backend@sha256:0f1e',
          'docker.io/storefleet/medusa-backend:0123456789ab',
          'docker.io/rancher/mirrored-pause:3.6',
        ],
      },
      { node: 'k3d-dev-agent-0', images: [] },
      { node: 'k3d-dev-agent-1', images: [] },
    ]);
  });

  it('passes the API error on', async () => {
    const core: Pick<CoreV1Api, 'listNode'> = {
      listNode: () => Promise.reject(new Error('nodes is forbidden')),
    };
    await expect(listNodeImages(core)).rejects.toThrow('nodes is forbidden');
  });
});
