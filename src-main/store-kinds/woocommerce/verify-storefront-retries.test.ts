// How the verifier waits for a way in that is not ready yet, over real sockets: a TCP front that
// drops connections like a fresh k3d load balancer before Traefik serves (in front of the LOCAL
// STAND-IN of the Store API), and an HTTPS server with a self-signed certificate like Traefik's
// default one before cert-manager has issued the store's certificate.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { caseTarget } from '../../../test-rig/stand-ins/woocommerce/stand-in-case-support';
import {
  startStoreApiStandIn,
  type StoreApiStandIn,
} from '../../../test-rig/stand-ins/woocommerce/store-api-stand-in';
import {
  startDroppingFront,
  startSelfSignedHttps,
  type DroppingFront,
  type SelfSignedHttps,
} from '../../../test-rig/stand-ins/woocommerce/storefront-test-servers';
import { verifyStorefront } from './verify-storefront';

let standIn: StoreApiStandIn;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  standIn = await startStoreApiStandIn();
});

afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

afterAll(async () => {
  await standIn.close();
});

async function front(o: Parameters<typeof startDroppingFront>[0]): Promise<DroppingFront> {
  const f = await startDroppingFront(o);
  closers.push(() => f.close());
  return f;
}

describe('verifyStorefront behind a k3d load balancer that drops connections (real sockets)', () => {
  it.each(['close', 'reset'] as const)(
    'retries while connections are dropped (%s) and then places one order',
    async (how) => {
      const host = `lb-${how}.localhost`;
      standIn.addStore(host);
      const lb = await front({ upstreamPort: standIn.port, dropFirst: 3, how });
      const result = await verifyStorefront(caseTarget(`http://${host}:${lb.port}`, 15_000));
      expect(lb.dropped()).toBe(3);
      expect(result).toEqual({ orderId: standIn.orders(host)[0]?.id, status: 'processing' });
      expect(standIn.orders(host, { drafts: true })).toHaveLength(1);
    },
  );

  it('gives up at the deadline with the dropped connection as the reason', async () => {
    const lb = await front({ upstreamPort: standIn.port, dropFirst: 1_000 });
    const started = Date.now();
    const p = verifyStorefront(caseTarget(`http://lb-never.localhost:${lb.port}`, 2500));
    await expect(p).rejects.toMatchObject({ stage: 'connect', code: 'ECONNRESET' });
    await expect(p).rejects.toThrow(/connection was closed before an answer came/);
    expect(Date.now() - started).toBeLessThan(4000);
    expect(lb.dropped()).toBeGreaterThan(1);
  });

  it('never retries once the item was sent: a dropped checkout stays one attempt', async () => {
    const host = 'lb-checkout.localhost';
    standIn.addStore(host);
    const lb = await front({ upstreamPort: standIn.port, dropWhen: /\/checkout /, how: 'reset' });
    const p = verifyStorefront(caseTarget(`http://${host}:${lb.port}`, 3000));
    await expect(p).rejects.toMatchObject({ stage: 'connect', code: 'ECONNRESET' });
    expect(lb.requests().filter((line) => line.includes('/add-item'))).toHaveLength(1);
    expect(lb.requests().filter((line) => line.includes('/checkout'))).toHaveLength(1);
    expect(standIn.orders(host, { drafts: true })).toEqual([]);
  });
});

describe('verifyStorefront while the TLS certificate is not issued yet (real TLS)', () => {
  let https: SelfSignedHttps;

  beforeAll(async () => {
    https = await startSelfSignedHttps('shop.localhost');
  });

  afterAll(async () => {
    await https.close();
  });

  it('retries TLS failures until the deadline, then names the certificate', async () => {
    const before = https.handshakes();
    const started = Date.now();
    const p = verifyStorefront(caseTarget(`https://shop.localhost:${https.port}`, 2500));
    await expect(p).rejects.toMatchObject({
      stage: 'connect',
      code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    });
    await expect(p).rejects.toThrow(
      /^The TLS certificate for shop\.localhost is not valid yet \(self[- ]signed certificate; DEPTH_ZERO_SELF_SIGNED_CERT\): cert-manager may still be issuing it \(the Certificate of the store's Ingress in namespace sf-shop\); `kubectl describe certificate -n sf-shop` shows its progress$/,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(https.handshakes() - before).toBeGreaterThan(1);
  });

  it('names the Certificate and ClusterIssuer when the target knows them', async () => {
    const p = verifyStorefront({
      ...caseTarget(`https://shop.localhost:${https.port}`, 500),
      tlsCertificate: 'shop-tls',
      tlsClusterIssuer: 'letsencrypt-prod',
    });
    await expect(p).rejects.toThrow(
      /cert-manager may still be issuing it \(Certificate shop-tls in namespace sf-shop, ClusterIssuer letsencrypt-prod\)/,
    );
  });
});
