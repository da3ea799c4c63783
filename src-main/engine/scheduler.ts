import type { PendingOp, StoreRepository } from '../db/store-repository';
import { ConcurrencyLimiter } from './concurrency-limiter';
import { OpAborted, type AbortKind } from './op-context';
import type { StoreEvents } from './store-events';

/** Runs one operation to its end; the scheduler owns when it starts and how it is stopped. */
export type OperationRunner = (o: {
  storeId: string;
  op: PendingOp;
  signal: AbortSignal;
  limiter: ConcurrencyLimiter;
}) => Promise<void>;

interface ActiveOp {
  op: PendingOp;
  controller: AbortController;
  done: Promise<void>;
}

// Re-reading the limit on a timer lets a raised maxConcurrentProvisions start waiting work.
const LIMIT_RECHECK_MS = 1_000;

/**
 * When each store's work runs: one operation per store at a time (a new one waits for the one
 * it supersedes to stop), all but delete behind the concurrency slots, every one abortable.
 */
export class OperationScheduler {
  private readonly active = new Map<string, ActiveOp>();
  private readonly limiter: ConcurrencyLimiter;
  private readonly recheck: NodeJS.Timeout;

  constructor(
    private readonly d: {
      /** maxConcurrentProvisions, read on every decision */
      limit: () => number;
      run: OperationRunner;
      log: (line: string) => void;
    },
  ) {
    this.limiter = new ConcurrencyLimiter(d.limit);
    this.recheck = setInterval(() => this.limiter.drain(), LIMIT_RECHECK_MS);
    this.recheck.unref();
  }

  /** Slots in use and operations waiting for one; for tests and diagnostics. */
  get slots(): { active: number; waiting: number } {
    return { active: this.limiter.active, waiting: this.limiter.waiting };
  }

  /** The operation running or waiting for the store, if any. */
  current(storeId: string): PendingOp | undefined {
    return this.active.get(storeId)?.op;
  }

  isBusy(storeId: string): boolean {
    return this.active.has(storeId);
  }

  /** Starts `op` once the store's previous operation (if any) has stopped. */
  schedule(storeId: string, op: PendingOp): void {
    const previous = this.active.get(storeId);
    const controller = new AbortController();
    const entry: ActiveOp = { op, controller, done: Promise.resolve() };
    const run = async (): Promise<void> => {
      if (previous) await previous.done;
      await this.d.run({ storeId, op, signal: controller.signal, limiter: this.limiter });
    };
    entry.done = run()
      .catch((error: unknown) => {
        this.d.log(
          `${op.op} of store ${storeId} stopped unexpectedly: ${error instanceof Error ? error.message : String(error)}`,
        );
      })
      .finally(() => {
        if (this.active.get(storeId) === entry) this.active.delete(storeId);
      });
    this.active.set(storeId, entry);
  }

  /** Stops the store's running operation; it writes nothing more. Resolves once it has stopped. */
  async abort(storeId: string, kind: AbortKind): Promise<void> {
    const active = this.active.get(storeId);
    active?.controller.abort(new OpAborted(kind));
    await active?.done;
  }

  /** Resolves when the store has no operation running or waiting. */
  async settled(storeId: string): Promise<void> {
    for (let op = this.active.get(storeId); op; op = this.active.get(storeId)) await op.done;
  }

  /**
   * Schedules the work the last run left pending. A provision waits for a slot again (Queued);
   * the step it reached is kept so a delete knows what may exist.
   */
  resumePending(repo: StoreRepository, events: StoreEvents): void {
    for (const { storeId, op } of repo.pendingOps()) {
      const store = repo.get(storeId);
      if (!store || this.active.has(storeId)) continue;
      if (op.op === 'provision' && store.status === 'Provisioning') {
        events.update(storeId, { status: 'Queued' });
      }
      this.d.log(`resuming ${op.op} of store ${store.name} (${storeId})`);
      this.schedule(storeId, op);
    }
  }

  /** Interrupts every operation so that the next start resumes it; resolves once all stopped. */
  async shutdown(): Promise<void> {
    clearInterval(this.recheck);
    const running = [...this.active.values()];
    for (const op of running) op.controller.abort(new OpAborted('shutdown'));
    await Promise.allSettled(running.map((op) => op.done));
  }
}
