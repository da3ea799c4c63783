// A StoreEngine on a real SQLite file in a temp dir, its cluster the in-memory STAND-IN and its
// storefront check a STAND-IN that counts orders, for the engine's lifecycle unit tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  StoreKindDriver,
  StorefrontTarget,
  VerifyResult,
} from '../../src-main/store-kinds/driver';
import type { Settings } from '../../src-shared/types/service-types';
import type { EngineTimeouts } from '../../src-main/engine/op-context';
import { InMemoryCluster, type Fault } from './in-memory-cluster';
import { buildTestEngine, type TestEngine, type TestEngineOptions } from './test-engine';
import { woocommerceChartStandIn } from './woocommerce-chart-stand-in';

export const MEMORY_CONTEXT = 'memory-stand-in';

/** Timeouts short enough for unit tests; a hung wait ends at its deadline in well under a second. */
export const FAST_TIMEOUTS: Partial<EngineTimeouts> = {
  helmMs: 2_000,
  waitMs: 300,
  verifyMs: 300,
  deleteMs: 1_000,
  pendingReleaseMs: 50,
  kubeCallMs: 1_000,
};

/** STAND-IN for a store's storefront: "places" an order unless a fault says otherwise. */
export class StorefrontStandIn {
  readonly orders = new Map<string, number>();
  /** checks hung by a fault right now */
  hanging = 0;
  private faults: Fault[] = [];

  fault(f: Fault): void {
    this.faults.push(f);
  }

  ordersFor(url: string): number {
    return this.orders.get(url) ?? 0;
  }

  async verify(target: StorefrontTarget): Promise<VerifyResult> {
    await Promise.resolve();
    const f = this.faults.find((x) => !x.when || x.when([target.url]));
    if (f) {
      if (f.times !== undefined && --f.times <= 0) this.faults.splice(this.faults.indexOf(f), 1);
      if (f.hang) {
        this.hanging++;
        await new Promise<never>((_resolve, reject) => {
          const signal = target.signal;
          const stop = (): void =>
            reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
          if (signal?.aborted) stop();
          signal?.addEventListener('abort', stop, { once: true });
        }).finally(() => this.hanging--);
      }
      if (f.error !== undefined) throw typeof f.error === 'string' ? new Error(f.error) : f.error;
    }
    const n = this.ordersFor(target.url) + 1;
    this.orders.set(target.url, n);
    const orderId = 100 + n;
    return {
      orderId,
      status: 'processing',
      message: `Order #${orderId} placed with Cash on Delivery (processing)`,
    };
  }
}

export interface MemoryEngine extends TestEngine {
  cluster: InMemoryCluster;
  storefront: StorefrontStandIn;
  dataDir: string;
  logs: string[];
  context: string;
  /** a new engine on the same SQLite file and cluster, as after an app restart (call close first) */
  restart(o?: MemoryEngineOptions): MemoryEngine;
  /** closes the engine and removes its data dir */
  dispose(): Promise<void>;
}

export interface MemoryEngineOptions {
  settings?: Partial<Settings>;
  timeouts?: Partial<EngineTimeouts>;
  now?: () => Date;
  reclaimDelayMs?: number;
  /** replaces the chart location, e.g. with one that does not exist */
  chartPath?: string;
  namespaceWatch?: TestEngineOptions['namespaceWatch'];
}

export function startMemoryEngine(
  o: MemoryEngineOptions = {},
  shared?: { dataDir: string; cluster: InMemoryCluster; storefront: StorefrontStandIn },
): MemoryEngine {
  const dataDir = shared?.dataDir ?? mkdtempSync(join(tmpdir(), 'storefleet-memory-engine-'));
  const cluster =
    shared?.cluster ??
    new InMemoryCluster({ chart: woocommerceChartStandIn, reclaimDelayMs: o.reclaimDelayMs });
  const storefront = shared?.storefront ?? new StorefrontStandIn();
  const logs: string[] = [];
  const built = buildTestEngine({
    dataDir,
    kubeconfig: '/nonexistent/stand-in-kubeconfig',
    context: MEMORY_CONTEXT,
    helmPath: '/nonexistent/helm-stand-in',
    timeouts: { ...FAST_TIMEOUTS, ...o.timeouts },
    settings: { maxCreatesPerMinute: 60, ...o.settings },
    log: (line) => logs.push(line),
    now: o.now,
    chartPath: o.chartPath,
    namespaceWatch: { settleMs: 10, ...o.namespaceWatch },
    connectCluster: (_target, _helm, limits) => cluster.port(limits?.signal),
    wrapDriver: (driver: StoreKindDriver): StoreKindDriver => ({
      ...driver,
      verify: (target) => storefront.verify(target),
    }),
  });
  const engine: MemoryEngine = {
    ...built,
    cluster,
    storefront,
    dataDir,
    logs,
    context: MEMORY_CONTEXT,
    restart: (next) => startMemoryEngine(next ?? o, { dataDir, cluster, storefront }),
    async dispose() {
      await built.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return engine;
}
