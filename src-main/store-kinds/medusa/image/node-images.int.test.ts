import { describe, expect, it } from 'vitest';
import { testClients } from '../../../../test-rig/kube/int-test-env';
import { listNodeImages } from './node-images';

describe('listNodeImages on the test cluster', () => {
  it("reads every Node's image names through the API (kwok nodes may report none)", async (ctx) => {
    const c = testClients();
    const nodeCount = (await c.core.listNode()).items.length;
    if (nodeCount === 0) ctx.skip('the test cluster has no Node objects');
    const nodes = await listNodeImages(c.core);
    expect(nodes).toHaveLength(nodeCount);
    for (const node of nodes) {
      expect(node.node).not.toBe('');
      expect(Array.isArray(node.images)).toBe(true);
      for (const name of node.images) expect(typeof name).toBe('string');
    }
  });
});
