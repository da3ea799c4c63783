// The Medusa verifier while the way in warms up, over real sockets: a TCP front that drops
// connections like a fresh k3d load balancer before Traefik serves, in front of the LOCAL
// STAND-IN of a Medusa server. Retried before any cart; never once a cart exists.
import { afterEach, describe, expect, it } from 'vitest';
import {
  startMedusaStandIn,
  type MedusaStandIn,
} from '../../../test-rig/stand-ins/medusa/medusa-stand-in';
import {
  medusaTarget,
  memoryCheckpoint,
} from '../../../test-rig/stand-ins/medusa/medusa-verify-support';
import {
  startDroppingFront,
  type DroppingFront,
} from '../../../test-rig/stand-ins/woocommerce/storefront-test-servers';
import { verifyMedusaStore } from './verify-medusa-store';

const closers: (() => Promise<void>)[] = [];

afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function behindFront(
  o: Omit<Parameters<typeof startDroppingFront>[0], 'upstreamPort'>,
): Promise<{ s: MedusaStandIn; front: DroppingFront }> {
  const s = await startMedusaStandIn();
  closers.push(() => s.close());
  const front = await startDroppingFront({ ...o, upstreamPort: Number(new URL(s.url).port) });
  closers.push(() => front.close());
  return { s, front };
}

describe('verifyMedusaStore behind a load balancer that drops connections (real sockets)', () => {
  it('retries dropped connections before the cart and places one order', async () => {
    const { s, front } = await behindFront({ dropFirst: 2, how: 'reset' });
    const admin = { email: s.switches.adminEmail, password: s.switches.adminPassword };
    const result = await verifyMedusaStore(
      medusaTarget(`http://127.0.0.1:${front.port}`, admin, { timeoutMs: 10_000 }),
    );
    expect(front.dropped()).toBe(2);
    expect(s.orders()).toEqual([expect.objectContaining({ id: result.orderId })]);
  });

  it('does not retry once a cart exists: the cart is kept for the next verify', async () => {
    const { s, front } = await behindFront({ dropWhen: /shipping-options/, how: 'reset' });
    const admin = { email: s.switches.adminEmail, password: s.switches.adminPassword };
    const checkpoint = memoryCheckpoint();
    const p = verifyMedusaStore(
      medusaTarget(`http://127.0.0.1:${front.port}`, admin, { checkpoint, timeoutMs: 10_000 }),
    );
    await expect(p).rejects.toMatchObject({ stage: 'connect', code: 'ECONNRESET' });
    expect(front.dropped()).toBe(1);
    expect(s.carts()).toHaveLength(1);
    expect(checkpoint.get()).toBe(s.carts()[0]?.id);
  });
});
