// How long the Medusa verify step takes against a real Medusa server: starts the backend
// Storefleet ships (images/medusa) natively, as the `medusa` test project does, then places
// N orders one after the other with the production verifier and prints each time and the median.
//   npx tsx scripts/bench/medusa-verify.ts [orders=10]
// The first order is timed too (cold: Medusa loads its workflows on first use) and reported apart.
// Then 3 more orders through the same calls with every request timed, to show where time goes.
import { performance } from 'node:perf_hooks';
import { ingressTransport } from '../../src-main/store-kinds/http/ingress-transport';
import type { StorefrontTransport } from '../../src-main/store-kinds/http/storefront-transport';
import { MedusaHttp } from '../../src-main/store-kinds/medusa/store-api-http';
import { placeMedusaOrder } from '../../src-main/store-kinds/medusa/store-api-order';
import { verifyMedusaStore } from '../../src-main/store-kinds/medusa/verify-medusa-store';
import { startMedusaServer } from '../../test-rig/medusa/server';
import { median } from './stats';

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

/** Median time per request ("POST /store/carts/{id}/complete"), over `orders` orders. */
async function breakdown(
  url: string,
  admin: { email: string; password: string },
  orders: number,
): Promise<void> {
  const perRequest = new Map<string, number[]>();
  const inner = ingressTransport(url);
  const timed: StorefrontTransport = async (req) => {
    const started = performance.now();
    const answer = await inner(req);
    const name = `${req.method} ${req.path.split('?')[0]?.replace(/\/(cart|pay_col)_\w+/g, '/{id}') ?? ''}`;
    perRequest.set(name, [...(perRequest.get(name) ?? []), performance.now() - started]);
    return answer;
  };
  for (let i = 0; i < orders; i++) {
    let cart: string | undefined;
    const checkpoint = { get: () => cart, set: (id: string | undefined) => (cart = id) };
    await placeMedusaOrder(new MedusaHttp(timed, undefined, [admin.password]), {
      admin,
      productHandle: 'storefleet-demo',
      keyTitle: 'Storefleet Storefront',
      checkpoint,
    });
  }
  for (const [name, times] of perRequest) {
    console.log(`  ${name}: median ${seconds(median(times))}`);
  }
}

async function main(): Promise<void> {
  const orders = Number(process.argv[2] ?? 10);
  if (!Number.isInteger(orders) || orders < 1) throw new Error('orders must be a positive integer');
  const server = await startMedusaServer({ log: (line) => console.log(line) });
  try {
    const target = {
      url: server.url,
      kube: { kubeconfig: '/nonexistent/kubeconfig', context: 'none' },
      namespace: 'bench',
      service: 'bench-medusa',
      servicePort: 'http',
      admin: { email: server.adminEmail, password: server.adminPassword },
    };
    const times: number[] = [];
    for (let i = 0; i <= orders; i++) {
      const started = performance.now();
      const order = await verifyMedusaStore(target);
      const ms = performance.now() - started;
      console.log(
        `${i === 0 ? 'cold ' : `order ${i}`}: ${seconds(ms)} (order #${order.displayId ?? '?'}, ${order.status})`,
      );
      if (i > 0) times.push(ms);
    }
    const sorted = [...times].sort((a, b) => a - b);
    console.log(
      `verify against a real Medusa 2.21.2, ${orders} orders after a cold one: median ${seconds(median(times))}, ` +
        `min ${seconds(sorted[0] ?? 0)}, max ${seconds(sorted[sorted.length - 1] ?? 0)}`,
    );
    console.log('per request, median of 3 more orders:');
    await breakdown(server.url, target.admin, 3);
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
