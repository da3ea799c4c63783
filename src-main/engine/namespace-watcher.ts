import { setTimeout as sleep } from 'node:timers/promises';
import type { StoreCluster } from './cluster-port';

export interface NamespaceWatcherDeps {
  /** the cluster of a context, its calls bound to `signal` */
  connect(context: string, signal: AbortSignal): Promise<StoreCluster>;
  /** brings the stores of a context in line with its namespaces (Missing, back again, imported) */
  rediscover(context: string): Promise<unknown>;
  log(line: string): void;
  /** changes arriving together cause one rediscovery, this long after the first */
  settleMs?: number;
  /** how long to wait before watching again after a failure (doubled up to 30 s) */
  retryMs?: number;
}

const SETTLE_MS = 250;
const RETRY_MS = 2_000;
const RETRY_MAX_MS = 30_000;

/**
 * Watches the Storefleet namespaces of one context (the selected one) and rediscovers its
 * stores whenever one appears, starts terminating or goes: a namespace deleted outside the app
 * turns its store Missing within seconds, and one that comes back brings the store back.
 * A failed watch is retried with a growing pause; a new watch starts with a full look.
 */
export class NamespaceWatcher {
  private current: { context: string; controller: AbortController; done: Promise<void> } | null =
    null;

  constructor(private readonly d: NamespaceWatcherDeps) {}

  /** The context watched now, if any. */
  get context(): string | null {
    return this.current?.context ?? null;
  }

  /** Watches `context` instead of whatever was watched before. */
  watch(context: string): void {
    if (this.current?.context === context) return;
    void this.stop();
    const controller = new AbortController();
    const done = this.run(context, controller.signal).catch((error: unknown) => {
      this.d.log(`watching namespaces in ${context} stopped: ${messageOf(error)}`);
    });
    this.current = { context, controller, done };
  }

  /** Stops watching; resolves once the watch has ended. */
  async stop(): Promise<void> {
    const current = this.current;
    this.current = null;
    current?.controller.abort();
    await current?.done;
  }

  private async run(context: string, signal: AbortSignal): Promise<void> {
    let pause = this.d.retryMs ?? RETRY_MS;
    let timer: NodeJS.Timeout | null = null;
    let looking: Promise<void> = Promise.resolve();
    const changed = (): void => {
      if (timer !== null || signal.aborted) return;
      timer = setTimeout(() => {
        timer = null;
        looking = looking.then(() => this.look(context, signal));
      }, this.d.settleMs ?? SETTLE_MS);
    };
    try {
      while (!signal.aborted) {
        try {
          const cluster = await this.d.connect(context, signal);
          const began = Date.now();
          await cluster.watchManagedNamespaces(changed, signal);
          pause = this.d.retryMs ?? RETRY_MS;
          // A server that ends every watch at once must not be asked again in a tight loop.
          if (Date.now() - began < pause)
            await sleep(pause, undefined, { signal }).catch(() => undefined);
        } catch (error) {
          if (signal.aborted) break;
          this.d.log(`namespace watch in ${context} failed, watching again: ${messageOf(error)}`);
          await sleep(pause, undefined, { signal }).catch(() => undefined);
          pause = Math.min(pause * 2, RETRY_MAX_MS);
        }
      }
    } finally {
      if (timer !== null) clearTimeout(timer);
      await looking;
    }
  }

  private async look(context: string, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return;
    try {
      await this.d.rediscover(context);
    } catch (error) {
      this.d.log(
        `looking for stores in ${context} after a namespace change failed: ${messageOf(error)}`,
      );
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
