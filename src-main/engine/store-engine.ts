import type { PendingOp } from '../db/store-repository';
import type { StoreKindDriver } from '../store-kinds/types';
import type {
  CreateStoreInput,
  HelmRevision,
  StoreCredentials,
  StoreService,
  UpgradeInput,
} from '../../src-shared/types/service-types';
import type {
  Store,
  StoreEvent,
  StoreKind,
  StoreWithEvents,
} from '../../src-shared/types/store-types';
import { isToolError } from '../tools/tool-error';
import { connectCluster, type ConnectLimits } from './cluster-adapter';
import type { StoreCluster } from './cluster-port';
import { ConcurrencyLimiter } from './concurrency-limiter';
import { readCredentials } from './credentials';
import type { EngineDeps } from './engine-deps';
import { EngineError, invalidArgument } from './engine-error';
import { MemoryCaps, checkMemoryLimit } from './memory-cap';
import { runOperation } from './run-operation';
import { DEFAULT_TIMEOUTS, OpAborted, type EngineTimeouts, type KubeTarget } from './op-context';
import { Redactor } from './redactor';
import { admitNewStore } from './new-store';
import { rediscoverContext, type RediscoveryResult } from './rediscover';
import { StoreEvents } from './store-events';
import {
  allowedStatuses,
  isActionAllowed,
  nothingInCluster,
  refusalCode,
  type StoreAction,
} from './transitions';
import {
  parseCreateInput,
  parseUpgradeInput,
  validateContext,
  validateRevision,
  validateStoreId,
} from './validate-input';

interface ActiveOp {
  op: PendingOp;
  controller: AbortController;
  done: Promise<void>;
}

const CANCELLED = 'Cancelled by user';

// Re-reading the limit on a timer lets a raised maxConcurrentProvisions start waiting work.
const LIMIT_RECHECK_MS = 1_000;

export class StoreEngine implements StoreService {
  private readonly redactor = new Redactor();
  private readonly events: StoreEvents;
  private readonly limiter: ConcurrencyLimiter;
  private readonly active = new Map<string, ActiveOp>();
  private readonly timeouts: EngineTimeouts;
  private readonly now: () => Date;
  private readonly logLine: (line: string) => void;
  private readonly recheck: NodeJS.Timeout;
  private readonly connectCluster: (
    target: KubeTarget,
    helmPath: string,
    limits?: ConnectLimits,
  ) => StoreCluster;
  /** aborted at shutdown: ends the cluster calls made outside an operation (history, rediscovery) */
  private readonly lifetime = new AbortController();
  private readonly memoryCaps: MemoryCaps;
  private closed = false;

  constructor(private readonly deps: EngineDeps) {
    this.connectCluster = deps.connectCluster ?? connectCluster;
    this.memoryCaps = new MemoryCaps((kind) => {
      const driver = deps.drivers[kind as StoreKind];
      return driver
        ? { chart: driver.chartPath, values: deps.valuesFile(kind as StoreKind) }
        : null;
    });
    this.now = deps.now ?? (() => new Date());
    const log = deps.log ?? (() => undefined);
    this.logLine = (line) => log(this.redactor.redactAll(line));
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...deps.timeouts };
    this.events = new StoreEvents(deps.repo, this.redactor, this.now, this.logLine);
    this.limiter = new ConcurrencyLimiter(() => deps.settings.get().maxConcurrentProvisions);
    this.recheck = setInterval(() => this.limiter.drain(), LIMIT_RECHECK_MS);
    this.recheck.unref();
  }

  list(context: string): Store[] {
    return this.deps.repo.list(validateContext(context));
  }

  get(storeId: string): StoreWithEvents {
    const store = this.mustGet(storeId);
    return { store, events: this.deps.repo.events(store.id) };
  }

  create(input: CreateStoreInput): Store {
    this.assertOpen();
    const { context, name, kind } = parseCreateInput(input, Object.keys(this.deps.drivers));
    const driver = this.deps.drivers[kind];
    if (!driver?.available) {
      throw new EngineError(
        'unavailable',
        `${driver?.displayName ?? kind} stores cannot be created from this installation.`,
      );
    }
    const store = admitNewStore({
      repo: this.deps.repo,
      driver,
      context,
      name,
      kind,
      settings: this.deps.settings.get(),
      now: this.now(),
      storeDomain: this.deps.storeDomain,
      storefrontPort: this.deps.storefrontPort,
    });
    this.events.published(store);
    this.schedule(store.id, { op: 'provision' });
    return store;
  }

  async cancel(storeId: string): Promise<void> {
    const store = this.mustAllow('cancel', storeId);
    const step = store.step ?? 'validate';
    this.events.transition(store.id, {
      status: 'Failed',
      step,
      error: CANCELLED,
      pendingOp: null,
      event: { step, status: 'failed', message: CANCELLED },
    });
    const active = this.active.get(store.id);
    active?.controller.abort(new OpAborted('cancel'));
    await active?.done;
  }

  delete(storeId: string): Promise<void> {
    return settle(() => this.startDelete(storeId));
  }

  private startDelete(storeId: string): void {
    this.assertOpen();
    const store = this.mustAllow('delete', storeId);
    const running = this.active.get(store.id);
    if (store.status === 'Deleting' && running?.op.op === 'delete') return;
    if (nothingInCluster(store.status, store.step)) {
      running?.controller.abort(new OpAborted('superseded'));
      this.events.transition(store.id, {
        status: 'Deleted',
        step: null,
        error: null,
        pendingOp: null,
        event: {
          step: 'check-leftovers',
          status: 'succeeded',
          message: 'Nothing was created in the cluster',
        },
      });
      return;
    }
    this.events.transition(store.id, {
      status: 'Deleting',
      step: 'uninstall',
      error: null,
      pendingOp: { op: 'delete' },
    });
    running?.controller.abort(new OpAborted('superseded'));
    this.schedule(store.id, { op: 'delete' });
  }

  upgrade(input: UpgradeInput): Promise<void> {
    return settle(() => {
      this.assertOpen();
      const { storeId, values } = parseUpgradeInput(input);
      const store = this.mustAllow('upgrade', storeId);
      if (values.memoryLimit !== undefined) {
        checkMemoryLimit(values.memoryLimit, this.memoryCaps.of(store.kind));
      }
      this.accept(store, 'upgrade', { op: 'upgrade', values });
    });
  }

  /** Ready → Stopped: scales the store to zero with the values of its last install, data kept. */
  stop(storeId: string): Promise<void> {
    return settle(() => {
      this.assertOpen();
      const store = this.mustAllow('stop', storeId);
      this.accept(store, 'stop', { op: 'stop' });
    });
  }

  /** Stopped → Ready: scales the store back up and places a real order before it is Ready. */
  start(storeId: string): Promise<void> {
    return settle(() => {
      this.assertOpen();
      const store = this.mustAllow('start', storeId);
      this.accept(store, 'start', { op: 'start' });
    });
  }

  async rollback(storeId: string, revision: number): Promise<void> {
    this.assertOpen();
    validateRevision(revision);
    this.mustAllow('rollback', storeId);
    const revisions = await this.history(storeId);
    if (!revisions.some((r) => r.revision === revision)) {
      const known = revisions.map((r) => r.revision).join(', ') || 'none';
      throw invalidArgument(
        `Revision ${revision} is not in this store's history (revisions: ${known}).`,
      );
    }
    // Checked again: the store may have changed while Helm answered.
    const store = this.mustAllow('rollback', storeId);
    this.accept(store, 'rollback', { op: 'rollback', revision });
  }

  async history(storeId: string): Promise<HelmRevision[]> {
    const store = this.mustAllow('history', storeId);
    const { cluster, driver } = await this.connect(store);
    try {
      return await cluster.helm.history(driver.releaseName(store), store.namespace);
    } catch (error) {
      if (isToolError(error, 'release-not-found')) return [];
      throw error;
    }
  }

  async revealCredentials(storeId: string): Promise<StoreCredentials> {
    const store = this.mustGet(storeId);
    if (store.status !== 'Ready') {
      throw new EngineError(
        'not-ready',
        `Credentials are available once the store is Ready (it is ${store.status}).`,
      );
    }
    const { cluster, driver } = await this.connect(store);
    return readCredentials(cluster, driver, store, this.redactor);
  }

  onStoreUpdated(listener: (store: Store) => void): () => void {
    return this.events.onStoreUpdated(listener);
  }

  onStoreEvent(listener: (event: StoreEvent) => void): () => void {
    return this.events.onStoreEvent(listener);
  }

  /** Resumes work left pending by the last run, then rediscovers stores in every known context. */
  async resume(): Promise<void> {
    this.assertOpen();
    for (const { storeId, op } of this.deps.repo.pendingOps()) {
      const store = this.deps.repo.get(storeId);
      if (!store || this.active.has(storeId)) continue;
      // It waits for a slot again; the step it reached is kept so delete knows what may exist.
      if (op.op === 'provision' && store.status === 'Provisioning') {
        this.events.update(storeId, { status: 'Queued' });
      }
      this.logLine(`resuming ${op.op} of store ${store.name} (${storeId})`);
      this.schedule(storeId, op);
    }
    const contexts = new Set(this.deps.repo.list().map((s) => s.context));
    const selected = this.deps.settings.get().selectedContext;
    if (selected) contexts.add(selected);
    for (const c of this.deps.knownContexts?.() ?? []) contexts.add(c);
    await Promise.all(
      [...contexts].map((context) =>
        this.rediscover(context).catch((error: unknown) => {
          this.logLine(
            `rediscovery in ${context} failed: ${error instanceof Error ? error.message : String(error)}`,
          );
        }),
      ),
    );
  }

  /** Imports store namespaces the database does not know and marks vanished ones Missing. */
  async rediscover(context: string): Promise<RediscoveryResult> {
    validateContext(context);
    const target = await this.deps.resolveContext(context);
    const cluster = this.connectCluster(target, await this.deps.helmPath(), this.limits());
    const pending = new Set(this.deps.repo.pendingOps().map((p) => p.storeId));
    return rediscoverContext({
      context,
      cluster,
      repo: this.deps.repo,
      events: this.events,
      drivers: this.deps.drivers,
      storeDomain: this.deps.storeDomain,
      storefrontPort: this.deps.storefrontPort,
      valuesFile: (kind) => this.deps.valuesFile(kind),
      now: this.now,
      busy: (id) => this.active.has(id) || pending.has(id),
      log: this.logLine,
    });
  }

  /** Stops taking work and interrupts running steps so that the next start resumes them. */
  async shutdown(): Promise<void> {
    this.closed = true;
    clearInterval(this.recheck);
    this.lifetime.abort(new OpAborted('shutdown'));
    const running = [...this.active.values()];
    for (const op of running) op.controller.abort(new OpAborted('shutdown'));
    await Promise.allSettled(running.map((op) => op.done));
  }

  /** Resolves when the store has no operation running or waiting; for callers that must wait. */
  async settled(storeId: string): Promise<void> {
    for (let op = this.active.get(storeId); op; op = this.active.get(storeId)) await op.done;
  }

  private accept(
    store: Store,
    step: 'upgrade' | 'rollback' | 'stop' | 'start',
    op: PendingOp,
  ): void {
    this.events.transition(store.id, { status: 'Updating', step, error: null, pendingOp: op });
    this.schedule(store.id, op);
  }

  private schedule(storeId: string, op: PendingOp): void {
    const previous = this.active.get(storeId);
    const controller = new AbortController();
    const entry: ActiveOp = { op, controller, done: Promise.resolve() };
    const run = async (): Promise<void> => {
      if (previous) await previous.done;
      await runOperation({
        storeId,
        op,
        signal: controller.signal,
        repo: this.deps.repo,
        events: this.events,
        redactor: this.redactor,
        limiter: this.limiter,
        timeouts: this.timeouts,
        connect: (store, signal) => this.connect(store, signal),
        valuesFile: (kind) => this.deps.valuesFile(kind),
        storeDomain: this.deps.storeDomain,
        overrideValues: this.deps.overrideValues,
        log: this.logLine,
      });
    };
    entry.done = run()
      .catch((error: unknown) => {
        this.logLine(
          `${op.op} of store ${storeId} stopped unexpectedly: ${error instanceof Error ? error.message : String(error)}`,
        );
      })
      .finally(() => {
        if (this.active.get(storeId) === entry) this.active.delete(storeId);
      });
    this.active.set(storeId, entry);
  }

  /** Kubernetes calls bound to `signal` (the engine's lifetime when none) and to a deadline each. */
  private limits(signal: AbortSignal = this.lifetime.signal): ConnectLimits {
    return { signal, callTimeoutMs: this.timeouts.kubeCallMs };
  }

  private async connect(
    store: Store,
    signal?: AbortSignal,
  ): Promise<{ cluster: StoreCluster; driver: StoreKindDriver; target: KubeTarget }> {
    const driver = this.deps.drivers[store.kind];
    if (!driver)
      throw new EngineError('unavailable', `No driver for ${store.kind} stores is installed.`);
    const target = await this.deps.resolveContext(store.context);
    const helm = await this.deps.helmPath();
    return { cluster: this.connectCluster(target, helm, this.limits(signal)), driver, target };
  }

  private mustGet(storeId: unknown): Store {
    const id = validateStoreId(storeId);
    const store = this.deps.repo.get(id);
    if (!store) throw new EngineError('not-found', `No store with id ${id}.`);
    return store;
  }

  private mustAllow(action: StoreAction, storeId: unknown): Store {
    const store = this.mustGet(storeId);
    if (!isActionAllowed(action, store.status)) {
      throw new EngineError(
        refusalCode(action),
        `Cannot ${action} store "${store.name}" while it is ${store.status} (possible when ${allowedStatuses(action).join(', ')}).`,
      );
    }
    return store;
  }

  private assertOpen(): void {
    if (this.closed) throw new EngineError('unavailable', 'The store engine is shutting down.');
  }
}

/** Runs `fn` now, so its writes happen before the caller continues, and reports as a promise. */
function settle(fn: () => void): Promise<void> {
  try {
    fn();
    return Promise.resolve();
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

/** The engine with its dependencies; call start() to resume pending work and rediscover stores. */
export function createStoreEngine(deps: EngineDeps): StoreEngine {
  return new StoreEngine(deps);
}
