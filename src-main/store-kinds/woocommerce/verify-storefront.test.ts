// verify() through the production ingress transport against the LOCAL STAND-IN of the Store
// API; the port-forward leg is covered against the real test cluster in port-forward-transport.int.test.ts.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StorefrontTarget } from '../driver';
import { createWoocommerceDriver } from './driver';
import {
  startStoreApiStandIn,
  type StoreApiStandIn,
} from '../../../test-rig/stand-ins/woocommerce/store-api-stand-in';

let standIn: StoreApiStandIn;

// A kubeconfig path that does not exist: any attempt to use the port-forward shows up as a
// 'kubeconfig' error, which tells the tests whether the fallback was taken.
function target(url: string): StorefrontTarget {
  return {
    url,
    kube: { kubeconfig: '/nonexistent/kubeconfig', context: 'nowhere' },
    namespace: 'sf-shop',
    service: 'shop-wordpress',
    servicePort: 'http',
  };
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  standIn = await startStoreApiStandIn();
});

afterAll(async () => {
  await standIn.close();
});

describe('woocommerce verify() against the LOCAL STAND-IN of the Store API', () => {
  it('places an order through the store URL', async () => {
    standIn.addStore('verify1.localhost');
    const result = await createWoocommerceDriver().verify(target(standIn.url('verify1.localhost')));
    const orderId = standIn.orders('verify1.localhost')[0]?.id;
    expect(result).toEqual({
      orderId,
      status: 'processing',
      message: `Order #${orderId ?? '?'} placed with Cash on Delivery (processing)`,
    });
  });

  it('uses the configured demo SKU', async () => {
    standIn.addStore('verify2.localhost', { sku: 'other-demo' });
    const driver = createWoocommerceDriver({ demoSku: 'other-demo' });
    await expect(driver.verify(target(standIn.url('verify2.localhost')))).resolves.toMatchObject({
      status: 'processing',
    });
  });

  it('reports a store answer as is, without trying a port-forward', async () => {
    standIn.addStore('verify3.localhost', { codEnabled: false });
    const p = createWoocommerceDriver().verify(target(standIn.url('verify3.localhost')));
    await expect(p).rejects.toMatchObject({ stage: 'checkout', status: 400 });
    await expect(p).rejects.toThrow(/^Checkout refused: Cash on Delivery is not enabled/);
  });

  it('falls back to a port-forward when the ingress refuses connections', async () => {
    const port = await closedPort();
    const p = createWoocommerceDriver().verify(target(`http://verify4.localhost:${port}`));
    await expect(p).rejects.toMatchObject({ stage: 'connect', code: 'kubeconfig' });
    await expect(p).rejects.toThrow(
      /Could not read the kubeconfig \/nonexistent\/kubeconfig.*Tried through a port-forward to the store's pod because could not reach the store at http:\/\/verify4\.localhost:\d+: nothing is listening there/,
    );
  });

  it('waits while the ingress has no route for the host yet, then verifies', async () => {
    const host = 'verify6.localhost';
    setTimeout(() => standIn.addStore(host), 1500);
    const started = Date.now();
    const result = await createWoocommerceDriver().verify({
      ...target(standIn.url(host)),
      timeoutMs: 10_000,
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
    expect(result.orderId).toBe(standIn.orders(host)[0]?.id);
  });

  it('gives up on a missing route when the budget is spent', async () => {
    const started = Date.now();
    const p = createWoocommerceDriver({ fetchTimeoutMs: 2500 }).verify(
      target(standIn.url('never.localhost')),
    );
    await expect(p).rejects.toMatchObject({ stage: 'products', status: 404 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('does not fall back on a timeout', async () => {
    // Reads and discards, so the server notices when the client hangs up.
    const server = createServer((socket) => socket.resume());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const driver = createWoocommerceDriver({ fetchTimeoutMs: 300 });
    const p = driver.verify(target(`http://verify5.localhost:${port}`));
    await expect(p).rejects.toMatchObject({ stage: 'connect', code: 'timeout' });
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});
